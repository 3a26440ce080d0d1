import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";

export interface AwsAccountProps {
  /** The provider's region, for regional ARNs and service principals. */
  readonly region: string;
}

/**
 * The account, partition and region the stack deploys to, read from the
 * provider at plan so no policy carries a literal account ID or `arn:aws`.
 */
export class AwsAccount extends Construct {
  readonly region: string;
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  readonly partition: string;
  /** `amazonaws.com`, or `amazonaws.com.cn` in China, for regional service principals. */
  readonly dnsSuffix: string;
  readonly accountId: string;
  /** The principal Terraform runs as (for an assumed role, its session's ARN). */
  readonly callerArn: string;

  constructor(scope: Construct, id: string, props: AwsAccountProps) {
    super(scope, id);
    const partition = new DataAwsPartition(this, "partition");
    const caller = new DataAwsCallerIdentity(this, "caller");
    this.region = props.region;
    this.partition = partition.partition;
    this.dnsSuffix = partition.dnsSuffix;
    this.accountId = caller.accountId;
    this.callerArn = caller.arn;
  }

  /** The account's root principal: every IAM identity of the account that its own IAM policies allow. */
  get rootArn(): string {
    return `arn:${this.partition}:iam::${this.accountId}:root`;
  }

  /** ARN of a CloudWatch Logs log group of this account and region (without the `:*` of its streams). */
  logGroupArn(name: string): string {
    return `arn:${this.partition}:logs:${this.region}:${this.accountId}:log-group:${name}`;
  }
}
