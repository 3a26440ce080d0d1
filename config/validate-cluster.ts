import type { SettingName } from "./settings-spec";
import { CLUSTER_NAME_PATTERN, OVERLAY_NAME_PATTERN } from "./constants";
import { Problems } from "./parse-values";
import { REGION_NAMES, partitionOf } from "./partitions";
import { RawSetting } from "./sources";
import { Settings } from "./settings";

const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const IAM_PRINCIPAL_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/;
/**
 * Service-linked roles (`role/aws-service-role/...`), which access entries do not take (EKS user guide, "Create access
 * entries": awsdocs/amazon-eks-user-guide, latest/ug/manage-access/k8s-access/creating-access-entries.adoc).
 */
const SERVICE_LINKED_ROLE = /^arn:[a-z-]+:iam::\d{12}:role\/aws-service-role\//;
/**
 * Instance types a managed node group with a launch template takes: 0 to 20 (EKS API reference, CreateNodegroup,
 * `instanceTypes`); none here is refused, as t3.medium would be EKS's choice, not the user's.
 */
export const MAX_INSTANCE_TYPES = 20;
/** EKS's default quota "Nodes per managed node group" (EKS user guide, "Amazon EKS service quotas"); Service Quotas can raise it. */
export const NODES_PER_NODE_GROUP_QUOTA = 450;
/** Values CloudWatch Logs accepts for retention_in_days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

// One rule per setting of the control plane and the node groups; config/settings-spec.ts names which setting each checks.

export function checkClusterName(name: string, raw: RawSetting, problems: Problems): void {
  if (!CLUSTER_NAME_PATTERN.test(name)) {
    problems.add(raw, "allowed: 1 to 100 characters, a letter or digit first, then letters, digits, - and _");
  }
}

export function checkRegion(region: string, raw: RawSetting, problems: Problems): void {
  if (partitionOf(region) === undefined) problems.add(raw, `allowed: ${REGION_NAMES}; terraform plan checks that the region exists`);
}

export function checkInstanceTypes(types: readonly string[], raw: RawSetting, problems: Problems): void {
  if (types.length === 0) {
    problems.add(raw, "is empty; allowed: one or more EC2 instance types such as t3.medium");
  }
  if (types.length > MAX_INSTANCE_TYPES) {
    problems.add(
      raw,
      `lists ${types.length} instance types; allowed: at most ${MAX_INSTANCE_TYPES}, what a managed node group with a launch template takes`,
    );
  }
  const badTypes = types.filter((type) => !INSTANCE_TYPE_PATTERN.test(type));
  if (badTypes.length > 0) {
    problems.add(raw, `${badTypes.join(", ")} is not an EC2 instance type such as t3.medium`);
  }
}

export function checkDiskSize(gib: number, raw: RawSetting, problems: Problems): void {
  if (gib < 20 || gib > 16384) problems.add(raw, "allowed: 20 to 16384 GiB");
}

export function checkHopLimit(hops: number, raw: RawSetting, problems: Problems): void {
  if (hops < 1 || hops > 64) problems.add(raw, "allowed: 1 to 64 (2 lets pods reach the metadata service, 1 blocks them)");
}

export function checkAdminPrincipals(arns: readonly string[], raw: RawSetting, problems: Problems): void {
  const badArns = arns.filter((arn) => !IAM_PRINCIPAL_PATTERN.test(arn));
  if (badArns.length > 0) {
    problems.add(raw, `${badArns.join(", ")}: allowed: IAM role or user ARNs such as arn:aws:iam::123456789012:role/Admin`);
  }
  const serviceLinked = arns.filter((arn) => SERVICE_LINKED_ROLE.test(arn));
  if (serviceLinked.length > 0) {
    problems.add(
      raw,
      `${serviceLinked.join(", ")}: EKS refuses a service-linked role (role/aws-service-role/...) as an access entry; allowed: IAM roles or users a person or pipeline assumes`,
    );
  }
}

export function checkLogRetention(days: number, raw: RawSetting, problems: Problems): void {
  if (!LOG_RETENTION_DAYS.includes(days)) problems.add(raw, `allowed: ${LOG_RETENTION_DAYS.join(", ")}`);
}

export function checkOverlayName(overlay: string, raw: RawSetting, problems: Problems): void {
  if (!OVERLAY_NAME_PATTERN.test(overlay)) {
    problems.add(raw, "allowed: the name of a folder in kustomize/overlays, such as poc");
  }
}

/** The fewest nodes a node group may have: one per AZ keeps a HAProxy in each. */
export const MIN_NODES_PER_AZ = 1;

/** nodeMinSize <= nodeDesiredSize <= nodeMaxSize, each at least MIN_NODES_PER_AZ. */
export function checkNodeSizes(
  input: Pick<Settings, "nodeMinSize" | "nodeDesiredSize" | "nodeMaxSize">,
  get: (name: SettingName) => RawSetting,
  problems: Problems,
): void {
  const { nodeMinSize: min, nodeDesiredSize: desired, nodeMaxSize: max } = input;
  if ([min, desired, max].some((n) => Number.isNaN(n))) return;
  // One node group per AZ: a group allowed to shrink to 0 nodes (and nodeDesiredSize, at least nodeMinSize, with it) leaves its AZ without a HAProxy.
  const least = MIN_NODES_PER_AZ;
  if (min < least)
    problems.add(get("nodeMinSize"), `allowed: ${least} or more (a node group that can shrink to 0 nodes leaves its AZ without a HAProxy)`);
  else if (desired < least)
    problems.add(get("nodeDesiredSize"), `allowed: ${least} or more (a node group of 0 nodes leaves its AZ without a HAProxy)`);
  if (max < least) problems.add(get("nodeMaxSize"), `allowed: ${least} or more`);
  if (max > NODES_PER_NODE_GROUP_QUOTA) {
    problems.add(
      get("nodeMaxSize"),
      `is above ${NODES_PER_NODE_GROUP_QUOTA}, EKS's default quota of nodes per managed node group (one per AZ here); ` +
        `allowed: at most ${NODES_PER_NODE_GROUP_QUOTA} (the quota can be raised in Service Quotas, but synth judges against the default)`,
    );
  }
  if (min > desired && desired >= least) {
    problems.add(get("nodeMinSize"), `is above nodeDesiredSize (${desired}); allowed: nodeMinSize <= nodeDesiredSize <= nodeMaxSize`);
  }
  if (desired > max) {
    problems.add(get("nodeDesiredSize"), `is above nodeMaxSize (${max}); allowed: nodeMinSize <= nodeDesiredSize <= nodeMaxSize`);
  }
}
