// The role VPC Flow Logs assumes to deliver to CloudWatch Logs (Amazon VPC User
// Guide, "IAM role for publishing flow logs to CloudWatch Logs"), narrowed from
// the guide's `"Resource": "*"` to the one log group.

/** What the role's policies need to know about the account. */
export interface FlowLogsAccount {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** Only flow logs of this account and region may assume the role: the guide's guard against the confused deputy. */
export function flowLogsTrustPolicy(account: FlowLogsAccount) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": account.accountId },
          ArnLike: { "aws:SourceArn": `arn:${account.partition}:ec2:${account.region}:${account.accountId}:vpc-flow-log/*` },
        },
      },
    ],
  };
}

/**
 * Streams and events in the one log group (both ARN forms: CloudWatch Logs
 * authorizes some actions on the group's ARN, others on `<arn>:*`). No
 * logs:CreateLogGroup: Terraform creates the group. DescribeLogGroups, a listing
 * that returns names only, is left at the account and region.
 */
export function flowLogsDeliveryPolicy(account: FlowLogsAccount, logGroupArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WriteTheFlowLogGroup",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
      {
        Sid: "FindTheFlowLogGroup",
        Effect: "Allow",
        Action: "logs:DescribeLogGroups",
        Resource: `arn:${account.partition}:logs:${account.region}:${account.accountId}:log-group:*`,
      },
    ],
  };
}
