import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsAccount } from "../../constructs/aws-account";
import type { IamServiceRoleProps } from "../../constructs/iam-service-role";
import { IamServiceRole } from "../../constructs/iam-service-role";
import { byId, only, ref, synthScope } from "../helpers/synth-scope";

const TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

function synthRole(props: Partial<IamServiceRoleProps> = {}) {
  let role: IamServiceRole | undefined;
  const synthesized = synthScope((scope) => {
    const account = new AwsAccount(scope, "account", { region: "us-east-1" });
    role = new IamServiceRole(scope, "role", { name: "demo-cluster", trustPolicy: TRUST, account, ...props });
  });
  return { ...synthesized, role: role! };
}

describe("IamServiceRole with its required props", () => {
  it("creates the named role that trusts what the trust policy says, with nothing attached", () => {
    const { json, tf, role } = synthRole();
    expect(json).toHaveResourceWithProperties(IamRole, { name: "demo-cluster" });
    expect(JSON.parse(only(tf, "aws_iam_role")[1].assume_role_policy)).toEqual(TRUST);
    expect(tf.resource.aws_iam_role_policy_attachment).toBeUndefined();
    expect(role.attachments).toEqual([]);
  });
});

describe("IamServiceRole with managed policies", () => {
  it("attaches each to the role, its ARN in the account's partition", () => {
    const { tf, role } = synthRole({ managedPolicies: ["AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController"] });
    const [roleId] = only(tf, "aws_iam_role");
    const [partition] = only(tf, "aws_partition", true);
    const attachments = byId(tf, "aws_iam_role_policy_attachment").map(([, a]) => a);
    expect(attachments).toEqual(
      ["AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController"].map((policy) => ({
        role: ref("aws_iam_role", roleId, "name"),
        policy_arn: `arn:${ref("data.aws_partition", partition, "partition")}:iam::aws:policy/${policy}`,
      })),
    );
    expect(role.attachments).toHaveLength(2);
  });
});
