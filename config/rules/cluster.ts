import { EKS_CLUSTER_HOUR_PRICE, EKS_VERSION_CALENDAR, newerThanCalendar, offeredVersions, supportPhase } from "../aws/eks-versions";
import { REGION_NAMES, arnPartition, partitionOf } from "../aws/partitions";
import type { GetRaw, Problems, RawSetting } from "../problems";

// The rules of the settings of docs/configuration.md's Cluster group: clusterName (its derived names: derived-names.ts), region
// and the partition the ARNs of other settings must share with it, kubernetesVersion with allowExtendedSupport.

/** EKS cluster names: 1-100 characters, alphanumeric first, then alphanumerics, hyphens and underscores. */
export const CLUSTER_NAME_PATTERN = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

export function checkClusterName(name: string, raw: RawSetting, problems: Problems): void {
  if (!CLUSTER_NAME_PATTERN.test(name)) {
    problems.add(raw, "format", "allowed: 1 to 100 characters, a letter or digit first, then letters, digits, - and _");
  }
}

export function checkRegion(region: string, raw: RawSetting, problems: Problems): void {
  if (partitionOf(region) === undefined)
    problems.add(raw, "format", `allowed: ${REGION_NAMES}; terraform plan checks that the region exists`);
}

/**
 * An ARN names its partition (`arn:aws-cn:...`), and a partition's credentials and resources do not reach another's:
 * an admin principal or a flow-log bucket of another partition than the region's fails at deploy. Names no partition
 * uses are refused by their own rules, and are not judged here again.
 */
export function checkPartitions(
  input: { region: string; adminPrincipalArns: readonly string[]; flowLogDestination: string },
  get: GetRaw<"adminPrincipalArns" | "flowLogDestination">,
  problems: Problems,
): void {
  const partition = partitionOf(input.region);
  if (partition === undefined) return;
  const foreign = (arn: string): boolean => {
    const named = arnPartition(arn);
    return named !== undefined && named !== partition;
  };
  const where = `the partition of region ${input.region}`;
  const principals = input.adminPrincipalArns.filter(foreign);
  if (principals.length > 0) {
    problems.add(
      get("adminPrincipalArns"),
      "conflict",
      `${principals.join(", ")} ${principals.length > 1 ? "are" : "is"} not in ${partition}, ${where}; allowed: arn:${partition}:iam:: ARNs`,
    );
  }
  if (foreign(input.flowLogDestination)) {
    problems.add(
      get("flowLogDestination"),
      "conflict",
      `is not in ${partition}, ${where}; allowed: an arn:${partition}:s3::: bucket ARN, cloudwatch or none`,
    );
  }
}

/** What extended support costs beside standard support, as messages and the README say it. */
export const EXTENDED_SUPPORT_PRICES = `$${EKS_CLUSTER_HOUR_PRICE.extended.toFixed(2)} per cluster-hour instead of $${EKS_CLUSTER_HOUR_PRICE.standard.toFixed(2)}`;

/**
 * Refuses a Kubernetes version EKS does not create clusters on, on `today`,
 * and a version in extended support unless `allowExtendedSupport` accepts its price,
 * from the calendar in config/aws/eks-versions.ts. A version newer than the calendar
 * passes with a warning: the plan asks EKS (constructs/kubernetes-version-check.ts).
 */
export function checkKubernetesVersion(
  input: { kubernetesVersion: string; allowExtendedSupport: boolean },
  today: Date,
  get: GetRaw<"kubernetesVersion">,
  problems: Problems,
): void {
  const day = today.toISOString().slice(0, 10);
  const allowed = `allowed on ${day}: ${offeredVersions(today).join(", ")}`;
  const found = supportPhase(input.kubernetesVersion, today);
  if (!/^\d+\.\d+$/.test(input.kubernetesVersion)) {
    problems.add(get("kubernetesVersion"), "format", `is not a minor version such as 1.35; ${allowed}`);
  } else if (!found && newerThanCalendar(input.kubernetesVersion)) {
    const newest = EKS_VERSION_CALENDAR[EKS_VERSION_CALENDAR.length - 1].version;
    problems.warn(
      get("kubernetesVersion"),
      `is newer than config/aws/eks-versions.ts knows (${newest}): the plan asks EKS whether it offers it (DescribeClusterVersions)`,
    );
  } else if (!found) {
    problems.add(get("kubernetesVersion"), "unavailable", `is not a version EKS offers; ${allowed}`);
  } else if (found.phase === "not-released") {
    problems.add(get("kubernetesVersion"), "unavailable", `is released on EKS on ${found.entry.released}; ${allowed}`);
  } else if (found.phase === "ended") {
    problems.add(
      get("kubernetesVersion"),
      "unavailable",
      `its EKS extended support ended on ${found.entry.endOfExtendedSupport} and EKS creates no cluster on it; ${allowed}`,
    );
  } else if (found.phase === "extended" && !input.allowExtendedSupport) {
    problems.add(
      get("kubernetesVersion"),
      "unavailable",
      `is in EKS extended support (standard support ended ${found.entry.endOfStandardSupport}, extended support ends ${found.entry.endOfExtendedSupport}), ` +
        `which costs ${EXTENDED_SUPPORT_PRICES}; set allowExtendedSupport to true to pay that, or choose a version in standard support`,
    );
  }
}
