import { listedTwice } from "../parse-values";
import type { GetRaw, Problems, RawSetting } from "../problems";

// The rules of the settings of docs/configuration.md's Logs group: the control plane's logs and the VPC's flow logs.

/** The control-plane log types EKS can send to CloudWatch Logs (EKS User Guide, "Send control plane logs to CloudWatch Logs"). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
export type ControlPlaneLogType = (typeof CONTROL_PLANE_LOG_TYPES)[number];

/** Values CloudWatch Logs accepts for retention_in_days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function checkLogRetention(days: number, raw: RawSetting, problems: Problems): void {
  if (!LOG_RETENTION_DAYS.includes(days)) problems.add(raw, "choice", `allowed: ${LOG_RETENTION_DAYS.join(", ")}`);
}

/** An S3 bucket ARN, optionally with a key prefix: what aws_flow_log takes as an S3 destination. */
const S3_DESTINATION_PATTERN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s*?]+)?$/;

export function isFlowLogDestination(destination: string): boolean {
  return destination === "cloudwatch" || destination === "none" || S3_DESTINATION_PATTERN.test(destination);
}

export function checkLogTypes(types: readonly string[], raw: RawSetting, problems: Problems): void {
  const unknown = types.filter((type) => !(CONTROL_PLANE_LOG_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) {
    const what = unknown.length > 1 ? "are not control-plane log types" : "is not a control-plane log type";
    problems.add(raw, "choice", `${unknown.join(", ")} ${what}; allowed: any of ${CONTROL_PLANE_LOG_TYPES.join(", ")}`);
  }
  const twice = listedTwice(types);
  if (twice) problems.add(raw, "repeated", `${twice}; allowed: each log type once`);
}

/**
 * The folder name flow logs keep for their own tree (`<folder>/AWSLogs/<account>/vpcflowlogs/...`): EC2's CreateFlowLogs
 * reference says a destination's subfolder cannot be named AWSLogs.
 */
export const RESERVED_FLOW_LOG_FOLDER = "AWSLogs";

export function checkFlowLogDestination(destination: string, raw: RawSetting, problems: Problems): void {
  if (!isFlowLogDestination(destination)) {
    problems.add(
      raw,
      "format",
      "allowed: cloudwatch, none, or an S3 bucket ARN such as arn:aws:s3:::my-flow-logs or arn:aws:s3:::my-logs/vpc",
    );
  } else if (destination.split("/").slice(1).includes(RESERVED_FLOW_LOG_FOLDER)) {
    problems.add(
      raw,
      "reserved",
      `names a folder ${RESERVED_FLOW_LOG_FOLDER}, which flow logs reserve for their own folders; allowed: an S3 bucket ARN with any other folder, such as arn:aws:s3:::my-logs/vpc`,
    );
  }
}

export function checkFlowLogRetention(days: number | undefined, raw: RawSetting, problems: Problems): void {
  if (days !== undefined && !LOG_RETENTION_DAYS.includes(days)) {
    problems.add(raw, "choice", `allowed: ${LOG_RETENTION_DAYS.join(", ")}, or empty for logRetentionDays`);
  }
}

/** A flow-log retention is a log group's: refused for a destination that is not CloudWatch Logs. */
export function checkFlowLogRetentionApplies(
  input: { flowLogRetentionDays: number | undefined; flowLogDestination: string },
  get: GetRaw<"flowLogRetentionDays">,
  problems: Problems,
): void {
  const { flowLogRetentionDays: days, flowLogDestination: destination } = input;
  if (days === undefined || !LOG_RETENTION_DAYS.includes(days) || !isFlowLogDestination(destination) || destination === "cloudwatch")
    return;
  problems.add(
    get("flowLogRetentionDays"),
    "no-effect",
    `applies to flowLogDestination cloudwatch only, not ${destination}; allowed: empty (an S3 bucket keeps records by its own lifecycle rules)`,
  );
}
