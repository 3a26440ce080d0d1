import { ADDON_PODS_PER_NODE } from "./addon-pods";
import { ConfigError } from "./config-error";
import { INSTANCE_NETWORK_LIMITS } from "./instance-network-limits";
import { maxPods } from "./instance-types";
import { Problems } from "./parse-values";
import { RawSetting, readRawSettings } from "./sources";
import { Settings } from "./settings";
import { KubernetesObject } from "../kubernetes/kubernetes-object";

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
 * warns about types not in config/instance-network-limits.ts, whose limit is
 * unknown here (accepted: the table cannot list every type EC2 sells).
 */
export function checkPodCapacity(types: readonly string[], pods: PodCount, raw: RawSetting, problems: Problems): void {
  const unknown = types.filter((type) => maxPods(type) === undefined);
  if (unknown.length > 0) {
    problems.warn(
      raw,
      `${unknown.join(", ")} not in config/instance-network-limits.ts: whether a node holds the ${pods.total} pods it may run is not checked`,
    );
  }
  for (const type of types) {
    const limit = maxPods(type);
    if (limit === undefined || limit >= pods.total) continue;
    const [enis, ips] = INSTANCE_NETWORK_LIMITS[type];
    const larger = largerOfFamily(type, pods.total);
    problems.add(
      raw,
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

/**
 * The check main.ts runs once the overlay is rendered (the pod count needs
 * it): throws a ConfigError on a type too small, reports warnings to `warn`.
 */
export function checkNodeCapacity(
  settings: Pick<Settings, "nodeInstanceTypes">,
  objects: readonly KubernetesObject[],
  context: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  warn: (line: string) => void,
): void {
  const problems = new Problems();
  checkPodCapacity(settings.nodeInstanceTypes, podsPerNode(objects), readRawSettings(context, env).nodeInstanceTypes, problems);
  problems.warnings.forEach(warn);
  if (problems.lines.length > 0) throw new ConfigError(problems.lines);
}
