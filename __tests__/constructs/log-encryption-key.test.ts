import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsAccount } from "../../constructs/aws-account";
import { LogEncryptionKey } from "../../constructs/log-encryption-key";
import { only, ref, synthScope } from "../helpers/synth-scope";

function synthKey(logGroupNames: string[], region = "us-east-1") {
  const synthesized = synthScope((scope) => {
    const account = new AwsAccount(scope, "account", { region });
    new LogEncryptionKey(scope, "logs-key", { clusterName: "demo", account, logGroupNames });
  });
  const [partition] = only(synthesized.tf, "aws_partition", true);
  const [caller] = only(synthesized.tf, "aws_caller_identity", true);
  const policy = JSON.parse(only(synthesized.tf, "aws_kms_key")[1].policy);
  return {
    ...synthesized,
    policy,
    partition: ref("data.aws_partition", partition, "partition"),
    dnsSuffix: ref("data.aws_partition", partition, "dns_suffix"),
    accountId: ref("data.aws_caller_identity", caller, "account_id"),
  };
}

describe("LogEncryptionKey with its required props", () => {
  it("creates one rotating key, described by the cluster's name, deleted after the shortest window", () => {
    const { json } = synthKey(["/aws/eks/demo/cluster"]);
    expect(json).toHaveResourceWithProperties(KmsKey, {
      description: "Encryption of the CloudWatch log groups of EKS cluster demo",
      enable_key_rotation: true,
      deletion_window_in_days: 7,
    });
  });

  it("leaves administration to the account's root, so IAM policies can grant the key", () => {
    const { policy, partition, accountId } = synthKey(["/aws/eks/demo/cluster"]);
    expect(policy.Statement[0]).toEqual({
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Action: "kms:*",
      Resource: "*",
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    });
  });

  it("lets CloudWatch Logs of the stack's region use the key for the named groups only", () => {
    const { policy, partition, dnsSuffix, accountId } = synthKey(["/aws/eks/demo/cluster", "/aws/vpc-flow-log/demo"], "eu-west-1");
    expect(policy.Statement).toHaveLength(2);
    const logs = policy.Statement[1];
    expect(logs.Principal).toEqual({ Service: `logs.eu-west-1.${dnsSuffix}` });
    expect(logs.Action).toEqual(["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]);
    expect(logs.Condition).toEqual({
      ArnEquals: {
        "kms:EncryptionContext:aws:logs:arn": [
          `arn:${partition}:logs:eu-west-1:${accountId}:log-group:/aws/eks/demo/cluster`,
          `arn:${partition}:logs:eu-west-1:${accountId}:log-group:/aws/vpc-flow-log/demo`,
        ],
      },
    });
  });
});

describe("LogEncryptionKey for one group (it has no optional props)", () => {
  it("names that group alone", () => {
    const { policy } = synthKey(["/aws/eks/demo/cluster"]);
    expect(policy.Statement[1].Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      expect.stringMatching(/:log-group:\/aws\/eks\/demo\/cluster$/),
    ]);
  });
});
