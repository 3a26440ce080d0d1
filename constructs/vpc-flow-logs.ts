import { DERIVED_NAMES } from "../config/derived-names";
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { flowLogsDeliveryPolicy, flowLogsTrustPolicy } from "../policies/flow-logs-role";
import type { AwsAccount } from "./aws-account";
import { IamServiceRole } from "./iam-service-role";

/** CloudWatch Logs, in a group of this project's. */
export interface CloudWatchFlowLogs {
  readonly type: "cloudwatch";
  /** The group's name. */
  readonly logGroupName: string;
  /** Days to keep the records. */
  readonly retentionDays: number;
  /** The KMS key that encrypts the group; its policy must name the group. */
  readonly kmsKeyArn: string;
}

/** An S3 bucket the user already has (its policy must let delivery.logs.amazonaws.com write). */
export interface S3FlowLogs {
  readonly type: "s3";
  /** `arn:<partition>:s3:::<bucket>[/<prefix>]`. */
  readonly bucketArn: string;
}

export interface VpcFlowLogsProps {
  /** The VPC whose traffic is logged. */
  readonly vpcId: string;
  /** Cluster name, for the role's name. */
  readonly clusterName: string;
  /** The account, for the role's scoped policies. */
  readonly account: AwsAccount;
  /** Where the records go. */
  readonly destination: CloudWatchFlowLogs | S3FlowLogs;
}

/**
 * Flow logs of every accepted and rejected connection in the VPC. To CloudWatch
 * Logs: an encrypted group with retention, and a delivery role that can only
 * write to that group. To S3: straight to the user's bucket, no role needed.
 */
export class VpcFlowLogs extends Construct {
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const destination = props.destination;
    if (destination.type === "s3") {
      this.flowLog = new FlowLog(this, "flow-log", {
        vpcId: props.vpcId,
        trafficType: "ALL",
        logDestinationType: "s3",
        logDestination: destination.bucketArn,
      });
      return;
    }
    const group = new CloudwatchLogGroup(this, "logs", {
      name: destination.logGroupName,
      retentionInDays: destination.retentionDays,
      kmsKeyId: destination.kmsKeyArn,
    });
    const role = new IamServiceRole(this, "role", {
      name: DERIVED_NAMES.flowLogRole(props.clusterName),
      trustPolicy: flowLogsTrustPolicy(props.account),
      account: props.account,
    });
    const delivery = new IamRolePolicy(this, "delivery", {
      name: "deliver-to-the-flow-log-group",
      role: role.role.name,
      policy: JSON.stringify(flowLogsDeliveryPolicy(props.account, props.account.logGroupArn(destination.logGroupName))),
    });
    this.flowLog = new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: group.arn,
      iamRoleArn: role.role.arn,
      dependsOn: [delivery],
    });
  }
}
