import { SettingName } from "./defaults";
import { CONTROL_PLANE_LOG_TYPES } from "./logging";
import { Problems, parseInteger } from "./parse-values";
import { RawSetting } from "./sources";
import { LOG_RETENTION_DAYS } from "./validate-cluster";

/** An S3 bucket ARN, optionally with a key prefix: what aws_flow_log takes as an S3 destination. */
const S3_DESTINATION_PATTERN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s*?]+)?$/;

export interface LoggingInput {
  readonly controlPlaneLogTypes: readonly string[];
  readonly flowLogDestination: string;
  readonly logRetentionDays: number;
}

/** Checks the log settings; returns the flow-log retention, which defaults to the control plane's. */
export function validateLogging(input: LoggingInput, get: (name: SettingName) => RawSetting, problems: Problems): number {
  const unknown = input.controlPlaneLogTypes.filter((type) => !(CONTROL_PLANE_LOG_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) {
    problems.add(get("controlPlaneLogTypes"), `${unknown.join(", ")} is not a control-plane log type; allowed: any of ${CONTROL_PLANE_LOG_TYPES.join(", ")}`);
  }
  const repeated = input.controlPlaneLogTypes.filter((type, i) => input.controlPlaneLogTypes.indexOf(type) !== i);
  if (repeated.length > 0) {
    problems.add(get("controlPlaneLogTypes"), `${[...new Set(repeated)].join(", ")} is listed twice; allowed: each log type once`);
  }
  const destination = input.flowLogDestination;
  const known = destination === "cloudwatch" || destination === "none" || S3_DESTINATION_PATTERN.test(destination);
  if (!known) {
    problems.add(get("flowLogDestination"), "allowed: cloudwatch, none, or an S3 bucket ARN such as arn:aws:s3:::my-flow-logs or arn:aws:s3:::my-logs/vpc");
  }
  const raw = get("flowLogRetentionDays");
  if (raw.value === "") return input.logRetentionDays;
  const days = parseInteger(raw, problems);
  if (Number.isInteger(days) && !LOG_RETENTION_DAYS.includes(days)) {
    problems.add(raw, `allowed: ${LOG_RETENTION_DAYS.join(", ")}, or empty for logRetentionDays`);
  } else if (Number.isInteger(days) && known && destination !== "cloudwatch") {
    problems.add(raw, `applies to flowLogDestination cloudwatch only, not ${destination}; allowed: empty (an S3 bucket keeps records by its own lifecycle rules)`);
  }
  return days;
}
