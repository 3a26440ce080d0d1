import { EKS_AMI_TYPES, isEksAmiType } from "../aws/ami-types";
import { INSTANCE_NETWORK_LIMITS } from "../aws/instance-network-limits";
import { amiArchitecture, instanceArchitecture, maxPods } from "../aws/instance-types";
import type { GetRaw, Problems, RawSetting } from "../problems";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";

// The rules of the settings of docs/configuration.md's Nodes group: the instance types (their number, names, architecture and the
// pods each must hold), the node group sizes, the disk and the IMDS hop limit.

const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
/**
 * Instance types a managed node group with a launch template takes: 0 to 20 (EKS API reference, CreateNodegroup,
 * `instanceTypes`); none here is refused, as t3.medium would be EKS's choice, not the user's.
 */
export const MAX_INSTANCE_TYPES = 20;
/** EKS's default quota "Nodes per managed node group" (EKS user guide, "Amazon EKS service quotas"); Service Quotas can raise it. */
export const NODES_PER_NODE_GROUP_QUOTA = 450;

export function checkInstanceTypes(types: readonly string[], raw: RawSetting, problems: Problems): void {
  if (types.length === 0) {
    problems.add(raw, "empty", "is empty; allowed: one or more EC2 instance types such as t3.medium");
  }
  if (types.length > MAX_INSTANCE_TYPES) {
    problems.add(
      raw,
      "range",
      `lists ${types.length} instance types; allowed: at most ${MAX_INSTANCE_TYPES}, what a managed node group with a launch template takes`,
    );
  }
  const badTypes = types.filter((type) => !INSTANCE_TYPE_PATTERN.test(type));
  if (badTypes.length > 0) {
    problems.add(raw, "format", `${badTypes.join(", ")} is not an EC2 instance type such as t3.medium`);
  }
}

export function checkDiskSize(gib: number, raw: RawSetting, problems: Problems): void {
  if (gib < 20 || gib > 16384) problems.add(raw, "range", "allowed: 20 to 16384 GiB");
}

export function checkHopLimit(hops: number, raw: RawSetting, problems: Problems): void {
  if (hops < 1 || hops > 64) problems.add(raw, "range", "allowed: 1 to 64 (2 lets pods reach the metadata service, 1 blocks them)");
}

/**
 * Refuses instance types whose architecture the AMI type cannot boot: EKS
 * rejects the node group (or its instances fail to launch) only at deploy,
 * after the control plane is paid for.
 */
export function checkInstanceArchitecture(
  input: { nodeInstanceTypes: readonly string[]; nodeAmiType: string },
  get: GetRaw<"nodeInstanceTypes" | "nodeAmiType">,
  problems: Problems,
): void {
  if (!isEksAmiType(input.nodeAmiType)) return;
  const ami = amiArchitecture(input.nodeAmiType);
  const other = ami === "arm64" ? "x86_64" : "arm64";
  const wrong = input.nodeInstanceTypes.filter((type) => instanceArchitecture(type) === other);
  if (wrong.length === 0) return;
  const amiRaw = get("nodeAmiType");
  const suggestions = Object.keys(EKS_AMI_TYPES).filter((type) => isEksAmiType(type) && amiArchitecture(type) === other);
  problems.add(
    get("nodeInstanceTypes"),
    "conflict",
    `${wrong.join(", ")} ${wrong.length > 1 ? "are" : "is"} ${other} (${other === "arm64" ? "a g after the generation, as in m7g, is Graviton" : "no g after the generation: AMD or Intel"}), ` +
      `but nodeAmiType ${input.nodeAmiType} (from ${amiRaw.source}) boots ${ami} only; ` +
      `allowed: ${ami} instance types, or an ${other} AMI type (${suggestions.join(", ")})`,
  );
}

/** The fewest nodes a node group may have: one per AZ keeps a HAProxy in each. */
export const MIN_NODES_PER_AZ = 1;

/** nodeMinSize <= nodeDesiredSize <= nodeMaxSize, each at least MIN_NODES_PER_AZ. */
export function checkNodeSizes(
  input: { nodeMinSize: number; nodeDesiredSize: number; nodeMaxSize: number },
  get: GetRaw<"nodeMinSize" | "nodeDesiredSize" | "nodeMaxSize">,
  problems: Problems,
): void {
  const { nodeMinSize: min, nodeDesiredSize: desired, nodeMaxSize: max } = input;
  if ([min, desired, max].some((n) => Number.isNaN(n))) return;
  // One node group per AZ: a group allowed to shrink to 0 nodes (and nodeDesiredSize, at least nodeMinSize, with it) leaves its AZ without a HAProxy.
  const least = MIN_NODES_PER_AZ;
  if (min < least)
    problems.add(
      get("nodeMinSize"),
      "range",
      `allowed: ${least} or more (a node group that can shrink to 0 nodes leaves its AZ without a HAProxy)`,
    );
  else if (desired < least)
    problems.add(get("nodeDesiredSize"), "range", `allowed: ${least} or more (a node group of 0 nodes leaves its AZ without a HAProxy)`);
  if (max < least) problems.add(get("nodeMaxSize"), "range", `allowed: ${least} or more`);
  if (max > NODES_PER_NODE_GROUP_QUOTA) {
    problems.add(
      get("nodeMaxSize"),
      "range",
      `is above ${NODES_PER_NODE_GROUP_QUOTA}, EKS's default quota of nodes per managed node group (one per AZ here); ` +
        `allowed: at most ${NODES_PER_NODE_GROUP_QUOTA} (the quota can be raised in Service Quotas, but synth judges against the default)`,
    );
  }
  if (min > desired && desired >= least) {
    problems.add(
      get("nodeMinSize"),
      "conflict",
      `is above nodeDesiredSize (${desired}); allowed: nodeMinSize <= nodeDesiredSize <= nodeMaxSize`,
    );
  }
  if (desired > max) {
    problems.add(
      get("nodeDesiredSize"),
      "conflict",
      `is above nodeMaxSize (${max}); allowed: nodeMinSize <= nodeDesiredSize <= nodeMaxSize`,
    );
  }
}

/**
 * Pods each EKS add-on of the cluster stack runs on one node: vpc-cni runs the
 * aws-node DaemonSet, kube-proxy and eks-pod-identity-agent a DaemonSet each,
 * and coredns a Deployment of two replicas that may share a node. The keys are
 * the add-ons ClusterAddons installs (a test holds them equal).
 */
export const ADDON_PODS_PER_NODE: Readonly<Record<string, number>> = {
  "vpc-cni": 1,
  "kube-proxy": 1,
  "eks-pod-identity-agent": 1,
  coredns: 2,
};

/** How many pods one node may have to run, and what they are, for messages. */
export interface PodCount {
  readonly total: number;
  readonly parts: readonly string[];
}

/**
 * The most pods one node may have to run: one of each DaemonSet, and every
 * replica of each Deployment plus its rollout surge: nginx spreads over zones
 * with DoNotSchedule, but the skew is measured against the least-filled
 * eligible zone, and with nodeTaintsPolicy: Honor a zone whose nodes are all
 * cordoned or tainted not-ready is not eligible. A lone eligible zone is its
 * own minimum (skew 0), so a lone eligible node takes every replica; then
 * the add-ons' pods.
 */
export function podsPerNode(objects: readonly KubernetesObject[]): PodCount {
  const parts: Array<[string, number]> = [];
  for (const object of objects) {
    if (object.kind === "DaemonSet") parts.push([object.metadata.name, 1]);
    if (object.kind === "Deployment")
      parts.push([object.metadata.name, deploymentPods((object.spec ?? {}) as Parameters<typeof deploymentPods>[0])]);
  }
  parts.push(...Object.entries(ADDON_PODS_PER_NODE).map(([addon, pods]): [string, number] => [`${addon} add-on`, pods]));
  return { total: parts.reduce((sum, [, pods]) => sum + pods, 0), parts: parts.map(([name, pods]) => `${name} ${pods}`) };
}

/** Replicas plus maxSurge (Kubernetes' default: 1 replica, 25% rounded up; none for Recreate). */
function deploymentPods(spec: { replicas?: number; strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string } } }): number {
  const replicas = spec.replicas ?? 1;
  if (spec.strategy?.type === "Recreate") return replicas;
  const surge = spec.strategy?.rollingUpdate?.maxSurge ?? "25%";
  return replicas + (typeof surge === "number" ? surge : Math.ceil((replicas * parseInt(surge, 10)) / 100));
}

/**
 * Refuses instance types whose VPC CNI pod limit is below what a node may run;
 * warns about types not in config/aws/instance-network-limits.ts, whose limit is
 * unknown here (accepted: the table cannot list every type EC2 sells).
 */
export function checkPodCapacity(types: readonly string[], pods: PodCount, raw: RawSetting, problems: Problems): void {
  const unknown = types.filter((type) => maxPods(type) === undefined);
  if (unknown.length > 0) {
    problems.warn(
      raw,
      `${unknown.join(", ")} not in config/aws/instance-network-limits.ts: whether a node holds the ${pods.total} pods it may run is not checked`,
    );
  }
  for (const type of types) {
    const limit = maxPods(type);
    if (limit === undefined || limit >= pods.total) continue;
    const [enis, ips] = INSTANCE_NETWORK_LIMITS[type];
    const larger = largerOfFamily(type, pods.total);
    problems.add(
      raw,
      "unavailable",
      `${type} holds at most ${limit} pods (VPC CNI: ${enis} ENIs × (${ips} IPv4 − 1) + 2), ` +
        `but a node may run ${pods.total} (${pods.parts.join(", ")}); allowed: a type that holds ${pods.total}${larger ? `, such as ${larger}` : ""}`,
    );
  }
}

/** The smallest type of the same family (so of the same architecture) in the table that holds `total` pods. */
function largerOfFamily(type: string, total: number): string | undefined {
  const family = type.split(".")[0];
  const holding = Object.keys(INSTANCE_NETWORK_LIMITS).flatMap((other) => {
    const pods = maxPods(other) ?? 0;
    // The family (t3a, m7g) fixes the architecture too: instanceArchitecture reads it from the family and generation.
    return other.split(".")[0] === family && pods >= total ? [{ other, pods }] : [];
  });
  return holding.sort((a, b) => a.pods - b.pods)[0]?.other;
}
