import { Construct } from "constructs";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";

export interface IamServiceRoleProps {
  /** Role name. */
  readonly name: string;
  /** Trust policy document (see policies/). */
  readonly trustPolicy: object;
  /** Names of AWS managed policies to attach. @default [] */
  readonly managedPolicies?: readonly string[];
}

/** An IAM role that an AWS service assumes, with AWS managed policies attached. */
export class IamServiceRole extends Construct {
  readonly role: IamRole;
  /** The attachments, for resources that must wait until the role can act. */
  readonly attachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: IamServiceRoleProps) {
    super(scope, id);
    // aws_partition is computed by the provider itself, without an API call.
    const partition = new DataAwsPartition(this, "partition");
    this.role = new IamRole(this, "role", {
      name: props.name,
      assumeRolePolicy: JSON.stringify(props.trustPolicy),
    });
    this.attachments = (props.managedPolicies ?? []).map((policy) => new IamRolePolicyAttachment(this, policy, {
      role: this.role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/${policy}`,
    }));
  }
}
