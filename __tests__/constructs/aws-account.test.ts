import { TerraformOutput } from "cdktf";
import { AwsAccount } from "../../constructs/aws-account";
import { only, ref, synthScope } from "../helpers/synth-scope";

/** The account's values, rendered as Terraform outputs so their references show. */
function synthAccount(region: string) {
  const { tf } = synthScope((scope) => {
    const account = new AwsAccount(scope, "account", { region });
    const values = {
      region: account.region,
      partition: account.partition,
      dnsSuffix: account.dnsSuffix,
      accountId: account.accountId,
      callerArn: account.callerArn,
      rootArn: account.rootArn,
      logGroupArn: account.logGroupArn("/aws/eks/demo/cluster"),
    };
    for (const [name, value] of Object.entries(values)) new TerraformOutput(scope, name, { value });
  });
  const [partition] = only(tf, "aws_partition", true);
  const [caller] = only(tf, "aws_caller_identity", true);
  const out = (name: string): string => tf.output[name].value;
  return {
    tf,
    out,
    partition: (a: string) => ref("data.aws_partition", partition, a),
    caller: (a: string) => ref("data.aws_caller_identity", caller, a),
  };
}

describe("AwsAccount with its required props", () => {
  it("reads the partition and the caller from the provider, once each, with no argument", () => {
    const { tf } = synthAccount("us-east-1");
    expect(Object.values(tf.data!.aws_partition)).toEqual([{}]);
    expect(Object.values(tf.data!.aws_caller_identity)).toEqual([{}]);
    expect(tf.resource).toBeUndefined();
  });

  it("exposes the provider's values, and the region as given", () => {
    const { out, partition, caller } = synthAccount("us-east-1");
    expect(out("region")).toBe("us-east-1");
    expect(out("partition")).toBe(partition("partition"));
    expect(out("dnsSuffix")).toBe(partition("dns_suffix"));
    expect(out("accountId")).toBe(caller("account_id"));
    expect(out("callerArn")).toBe(caller("arn"));
  });

  it("builds the root principal's ARN from the partition and the account, never a literal", () => {
    const { out, partition, caller } = synthAccount("us-east-1");
    expect(out("rootArn")).toBe(`arn:${partition("partition")}:iam::${caller("account_id")}:root`);
  });
});

describe("AwsAccount in another region (it has no optional props)", () => {
  it("puts that region in a log group's ARN, without the streams' :*", () => {
    const { out, partition, caller } = synthAccount("eu-west-1");
    expect(out("logGroupArn")).toBe(`arn:${partition("partition")}:logs:eu-west-1:${caller("account_id")}:log-group:/aws/eks/demo/cluster`);
  });
});
