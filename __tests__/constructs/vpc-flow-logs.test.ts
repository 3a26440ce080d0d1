import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsAccount } from "../../constructs/aws-account";
import type { VpcFlowLogsProps } from "../../constructs/vpc-flow-logs";
import { VpcFlowLogs } from "../../constructs/vpc-flow-logs";
import { only, ref, synthScope } from "../helpers/synth-scope";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/logs";
const TO_CLOUDWATCH: VpcFlowLogsProps["destination"] = {
  type: "cloudwatch",
  logGroupName: "/aws/vpc-flow-log/demo",
  retentionDays: 14,
  kmsKeyArn: KEY,
};

function synthFlowLogs(destination: VpcFlowLogsProps["destination"]) {
  const synthesized = synthScope((scope) => {
    const account = new AwsAccount(scope, "account", { region: "eu-west-1" });
    new VpcFlowLogs(scope, "flow-logs", { vpcId: "vpc-0123", clusterName: "demo", account, destination });
  });
  const [partition] = only(synthesized.tf, "aws_partition", true);
  const [caller] = only(synthesized.tf, "aws_caller_identity", true);
  return {
    ...synthesized,
    partition: ref("data.aws_partition", partition, "partition"),
    accountId: ref("data.aws_caller_identity", caller, "account_id"),
  };
}

describe("VpcFlowLogs to CloudWatch Logs", () => {
  it("logs every flow of the VPC to its own encrypted group, with the destination's retention", () => {
    const { json, tf } = synthFlowLogs(TO_CLOUDWATCH);
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/vpc-flow-log/demo",
      retention_in_days: 14,
      kms_key_id: KEY,
    });
    const [groupId] = only(tf, "aws_cloudwatch_log_group");
    const [roleId] = only(tf, "aws_iam_role");
    const [deliveryId] = only(tf, "aws_iam_role_policy");
    expect(only(tf, "aws_flow_log")[1]).toEqual({
      vpc_id: "vpc-0123",
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
      log_destination: ref("aws_cloudwatch_log_group", groupId, "arn"),
      iam_role_arn: ref("aws_iam_role", roleId, "arn"),
      // Before its policy, the role cannot deliver, and the flow log reports an error for its first records.
      depends_on: [`aws_iam_role_policy.${deliveryId}`],
    });
  });

  it("delivers through a role that only this account's flow logs of the region can assume", () => {
    const { json, tf, partition, accountId } = synthFlowLogs(TO_CLOUDWATCH);
    expect(json).toHaveResourceWithProperties(IamRole, { name: "demo-vpc-flow-logs" });
    expect(JSON.parse(only(tf, "aws_iam_role")[1].assume_role_policy).Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:eu-west-1:${accountId}:vpc-flow-log/*` },
        },
      },
    ]);
    expect(tf.resource.aws_iam_role_policy_attachment).toBeUndefined();
  });

  it("lets the role write to its group alone, and list the groups' names of the region", () => {
    const { tf, partition, accountId } = synthFlowLogs(TO_CLOUDWATCH);
    const [roleId] = only(tf, "aws_iam_role");
    const [, delivery] = only(tf, "aws_iam_role_policy");
    expect(delivery.name).toBe("deliver-to-the-flow-log-group");
    expect(delivery.role).toBe(ref("aws_iam_role", roleId, "name"));
    const group = `arn:${partition}:logs:eu-west-1:${accountId}:log-group:/aws/vpc-flow-log/demo`;
    expect(JSON.parse(delivery.policy).Statement).toEqual([
      expect.objectContaining({
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [group, `${group}:*`],
      }),
      expect.objectContaining({ Action: "logs:DescribeLogGroups", Resource: `arn:${partition}:logs:eu-west-1:${accountId}:log-group:*` }),
    ]);
  });
});

describe("VpcFlowLogs to S3", () => {
  it("delivers straight to the bucket: no group, no role", () => {
    const { json, tf } = synthFlowLogs({ type: "s3", bucketArn: "arn:aws:s3:::central-logs/vpc" });
    expect(json).toHaveResourceWithProperties(FlowLog, {
      vpc_id: "vpc-0123",
      traffic_type: "ALL",
      log_destination_type: "s3",
      log_destination: "arn:aws:s3:::central-logs/vpc",
    });
    expect(only(tf, "aws_flow_log")[1].iam_role_arn).toBeUndefined();
    expect(Object.keys(tf.resource).sort()).toEqual(["aws_flow_log"]);
  });
});
