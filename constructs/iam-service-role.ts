import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { AwsAccount } from "./aws-account";

export interface IamServiceRoleProps {
  /** Role name. */
  readonly name: string;
  /** Trust policy document (see policies/). */
  readonly trustPolicy: object;
  /** Names of AWS managed policies to attach. @default [] */
  readonly managedPolicies?: readonly string[];
  /** The stack's account, whose partition the managed policies' ARNs take. */
  readonly account: AwsAccount;
}

/** An IAM role that an AWS service assumes, with AWS managed policies attached. */
export class IamServiceRole extends Construct {
  readonly role: IamRole;
  /** The attachments, for resources that must wait until the role can act. */
  readonly attachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: IamServiceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.name,
      assumeRolePolicy: JSON.stringify(props.trustPolicy),
    });
    this.attachments = (props.managedPolicies ?? []).map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, {
          role: this.role.name,
          policyArn: `arn:${props.account.partition}:iam::aws:policy/${policy}`,
        }),
    );
  }
}
