import { DERIVED_NAMES } from "../../config/derived-names";
import { waitFor } from "../../lib/poll";
import type { AwsRunner } from "./aws-cli";
import { awsError, awsJson, isNotFound } from "./aws-cli";
import type { StackJson } from "./cdktf-run";
import type { TerraformState } from "./stack-state";

/** The cluster and its control-plane log group (`/aws/eks/<name>/cluster`), from the synthesized cluster stack. */
export interface ControlPlaneLogs {
  readonly clusterName: string;
  readonly region: string;
  readonly logGroup: string;
}

export function clusterExists(aws: AwsRunner, target: ControlPlaneLogs): boolean {
  const args = ["eks", "describe-cluster", "--name", target.clusterName, "--region", target.region, "--output", "json"];
  const result = aws(args);
  if (result.status === 0) return true;
  if (isNotFound(result)) return false;
  throw awsError(args, result);
}

export function logGroupExists(aws: AwsRunner, target: ControlPlaneLogs): boolean {
  const answer = awsJson(aws, ["logs", "describe-log-groups", "--log-group-name-prefix", target.logGroup, "--region", target.region]);
  return ((answer as { logGroups?: Array<{ logGroupName?: string }> }).logGroups ?? []).some(
    (group) => group.logGroupName === target.logGroup,
  );
}

/** Deletes the group; false when it was already gone. */
export function deleteLogGroup(aws: AwsRunner, target: ControlPlaneLogs): boolean {
  const args = ["logs", "delete-log-group", "--log-group-name", target.logGroup, "--region", target.region];
  const result = aws(args);
  if (result.status === 0) return true;
  if (isNotFound(result)) return false;
  throw awsError(args, result);
}

/**
 * Before a deploy. EKS writes the last control-plane logs after Terraform has
 * deleted the log group, and re-creates the group without retention
 * (terraform-aws-eks #2763, #2446); creating the cluster stack's group then
 * fails with ResourceAlreadyExistsException. A group of this name that the
 * cluster stack's state does not hold, with no cluster of this name, is such
 * a leftover: it is deleted. Returns a line for the user, or undefined when
 * there was nothing to do.
 */
export function removeLeftoverLogGroup(aws: AwsRunner, target: ControlPlaneLogs, stateHoldsLogGroup: boolean): string | undefined {
  if (stateHoldsLogGroup || !logGroupExists(aws, target)) return undefined;
  if (clusterExists(aws, target)) {
    return `${target.logGroup}: left alone, cluster ${target.clusterName} exists outside this project's state (the deploy will stop at it)`;
  }
  deleteLogGroup(aws, target);
  return `${target.logGroup}: deleted, left behind by an earlier cluster of this name`;
}

/**
 * How long `npm run destroy` watches for the group once the cluster is gone: not at all by default. It
 * checks once and deletes a group EKS already re-created; one EKS re-creates later is a leftover that
 * `removeLeftoverLogGroup` deletes before the next deploy, the only command it can stop. A watch
 * (`--log-watch-seconds`) would put its whole window on every destroy's critical path.
 */
export const DEFAULT_LOG_WATCH_SECONDS = 0;

export interface SweepOptions {
  /** How long to keep watching for EKS re-creating the group after the cluster is gone. */
  readonly windowMs: number;
  readonly intervalMs: number;
}

/**
 * After the cluster stack is destroyed: deletes the group whenever it
 * (re)appears during the window, so that destroy ends with nothing of the
 * cluster's name. Refuses while a cluster of that name still exists, since it
 * would write to the group again.
 */
export async function sweepLogGroup(aws: AwsRunner, target: ControlPlaneLogs, options: SweepOptions): Promise<string> {
  if (clusterExists(aws, target)) {
    return `${target.logGroup}: left alone, cluster ${target.clusterName} still exists`;
  }
  const started = Date.now();
  let deletions = 0;
  // The wait is the whole window: each check deletes what came back, and only the window's end satisfies it
  // (waitFor runs a last check at its deadline, which is never before the window's end).
  await waitFor(
    `the end of the ${target.logGroup} watch`,
    () => {
      if (logGroupExists(aws, target) && deleteLogGroup(aws, target)) deletions += 1;
      return Date.now() - started >= options.windowMs;
    },
    options.windowMs,
    options.intervalMs,
  );
  const seconds = Math.round(options.windowMs / 1000);
  if (seconds === 0) {
    const later = "a later re-creation is deleted by the next npm run deploy";
    return deletions === 0 ? `${target.logGroup}: none left now (${later})` : `${target.logGroup}: deleted as EKS re-created it (${later})`;
  }
  return deletions === 0
    ? `${target.logGroup}: none left (watched ${seconds} s)`
    : `${target.logGroup}: deleted ${deletions === 1 ? "once" : `${deletions} times`} as EKS re-created it; none left after ${seconds} s`;
}

/**
 * The cluster's name, region and log group as the synthesized cluster stack
 * (`cdk.tf.json`) has them. The stack holds other log groups too (flow logs):
 * the control plane's is the one named after the cluster.
 */
export function controlPlaneLogsOf(clusterStackJson: StackJson): ControlPlaneLogs {
  const clusters = Object.values(clusterStackJson.resource?.aws_eks_cluster ?? {});
  if (clusters.length !== 1) throw new Error(`expected one aws_eks_cluster in the cluster stack, found ${clusters.length}`);
  const clusterName = String(clusters[0].name);
  const logGroup = DERIVED_NAMES.logGroup(clusterName);
  const groups = Object.values(clusterStackJson.resource?.aws_cloudwatch_log_group ?? {});
  if (!groups.some((group) => group.name === logGroup)) throw new Error(`expected the log group ${logGroup} in the cluster stack`);
  const region = clusterStackJson.provider?.aws?.[0]?.region;
  if (typeof region !== "string") throw new Error("expected the aws provider's region in the cluster stack");
  return { clusterName, region, logGroup };
}

/** Whether the cluster stack's state holds the control-plane log group (and not only another group, such as the flow logs'). */
export function stateHoldsLogGroup(state: TerraformState | undefined, target: ControlPlaneLogs): boolean {
  return (state?.resources ?? []).some(
    (resource) =>
      resource.mode === "managed" &&
      resource.type === "aws_cloudwatch_log_group" &&
      (resource.instances ?? []).some((instance) => (instance as { attributes?: { name?: string } }).attributes?.name === target.logGroup),
  );
}
