import type { GetRaw, Problems } from "./problems";

/**
 * Names built from the cluster name, in one place so that the constructs use
 * them and the settings check them against AWS's limits before anything exists.
 */
export const DERIVED_NAMES = {
  clusterRole: (clusterName: string): string => `${clusterName}-cluster`,
  nodeRole: (clusterName: string): string => `${clusterName}-node`,
  vpcCniRole: (clusterName: string): string => `${clusterName}-vpc-cni`,
  nodeGroup: (clusterName: string, azIndex: number): string => `${clusterName}-az${azIndex}`,
  launchTemplatePrefix: (nodeGroupName: string): string => `${nodeGroupName}-`,
  /** The group EKS writes control-plane logs to; EKS fixes its name. */
  logGroup: (clusterName: string): string => `/aws/eks/${clusterName}/cluster`,
  /** The VPC's flow-log group, named the way terraform-aws-modules/vpc names its own. */
  flowLogGroup: (clusterName: string): string => `/aws/vpc-flow-log/${clusterName}`,
  flowLogRole: (clusterName: string): string => `${clusterName}-vpc-flow-logs`,
};

/** One derived name and the most characters AWS (or the provider, for prefixes) accepts for it. */
export interface DerivedName {
  readonly what: string;
  readonly name: string;
  readonly limit: number;
  /** The longest cluster name that keeps this name within its limit. */
  readonly room: number;
}

/**
 * Every derived name with its limit: IAM role names 64 (IAM quotas), EKS node
 * group names 63, launch template name_prefix 99 (the AWS provider keeps 26 of
 * the template name's 125 for its suffix), CloudWatch log group names 512.
 * The flow-log role exists only for flow logs to CloudWatch Logs (`withFlowLogRole`).
 */
export function derivedNames(clusterName: string, azCount: number, withFlowLogRole = true): DerivedName[] {
  const lastGroup = DERIVED_NAMES.nodeGroup(clusterName, Math.max(0, azCount - 1));
  const names = [
    { what: "IAM role name", name: DERIVED_NAMES.clusterRole(clusterName), limit: 64 },
    { what: "IAM role name", name: DERIVED_NAMES.nodeRole(clusterName), limit: 64 },
    { what: "IAM role name", name: DERIVED_NAMES.vpcCniRole(clusterName), limit: 64 },
    ...(withFlowLogRole ? [{ what: "IAM role name", name: DERIVED_NAMES.flowLogRole(clusterName), limit: 64 }] : []),
    { what: "node group name", name: lastGroup, limit: 63 },
    { what: "launch template name prefix", name: DERIVED_NAMES.launchTemplatePrefix(lastGroup), limit: 99 },
    { what: "log group name", name: DERIVED_NAMES.logGroup(clusterName), limit: 512 },
    { what: "log group name", name: DERIVED_NAMES.flowLogGroup(clusterName), limit: 512 },
  ];
  return names.map((n) => ({ ...n, room: n.limit - (n.name.length - clusterName.length) }));
}

/** The derived name that leaves a cluster name the least room with `azCount` AZs, spelt with `<name>` for the cluster name. */
export function tightestDerivedName(azCount: number, withFlowLogRole = true): DerivedName {
  return derivedNames("<name>", azCount, withFlowLogRole).reduce((tightest, n) => (n.room < tightest.room ? n : tightest));
}

/**
 * Refuses a cluster name whose derived names (roles, node groups, prefixes, log group) AWS would reject; the flow-log
 * role counts only when flow logs go to CloudWatch Logs, the one destination that has it (constructs/vpc-flow-logs.ts).
 */
export function checkDerivedNames(
  input: { clusterName: string; flowLogDestination: string },
  azCount: number,
  get: GetRaw<"clusterName">,
  problems: Problems,
): void {
  if (!Number.isInteger(azCount)) return;
  const { clusterName, flowLogDestination } = input;
  for (const { what, name, limit, room } of derivedNames(clusterName, azCount, flowLogDestination === "cloudwatch")) {
    if (name.length > limit) {
      problems.add(
        get("clusterName"),
        "range",
        `makes the ${what} "${name}" ${name.length} characters; allowed: at most ${limit}, so a cluster name of at most ${room}`,
      );
    }
  }
}
