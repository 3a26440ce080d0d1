import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { typed } from "../../kubernetes/kubernetes-object";

/** How many pods a rolling update may add above, and take below, the desired count. */
export interface RolloutStrategy {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
}

/** An intstr (a count, or "<n>%" of `total`), rounded up or down as the controller does. */
function scaled(value: number | string | undefined, fallback: number | string, total: number, roundUp: boolean): number {
  const v = value ?? fallback;
  if (typeof v === "number") return v;
  const match = /^(\d+)%$/.exec(v);
  if (!match) throw new Error(`"${v}" is neither a count nor a percentage`);
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * A DaemonSet's rolling update over `nodes` nodes (kubernetes/kubernetes
 * pkg/controller/daemon/util/daemonset_util.go, SurgeCount and
 * UnavailableCount: percentages round up; defaults maxUnavailable 1, maxSurge
 * 0; pkg/controller/daemon/update.go, updatedDesiredNodeCounts: both 0 means
 * maxUnavailable 1). An OnDelete strategy is refused: nothing would roll.
 */
export function daemonSetStrategy(daemonSet: KubernetesObject, nodes: number): RolloutStrategy {
  const strategy = typed<IDaemonSet>(daemonSet).spec?.updateStrategy;
  if (strategy?.type === "OnDelete") throw new Error(`DaemonSet ${daemonSet.metadata.name}: updateStrategy OnDelete is not modelled`);
  const rolling = strategy?.rollingUpdate;
  const maxSurge = scaled(rolling?.maxSurge, 0, nodes, true);
  const maxUnavailable = scaled(rolling?.maxUnavailable, 1, nodes, true);
  return maxSurge === 0 && maxUnavailable === 0 ? { maxSurge, maxUnavailable: 1 } : { maxSurge, maxUnavailable };
}

/**
 * A Deployment's rolling update (pkg/controller/deployment/util/deployment_util.go,
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable down, both default
 * 25%, and both 0 means maxUnavailable 1). Recreate is refused.
 */
export function deploymentStrategy(deployment: KubernetesObject): RolloutStrategy & { readonly replicas: number } {
  const spec = typed<IDeployment>(deployment).spec;
  if (spec?.strategy?.type === "Recreate") throw new Error(`Deployment ${deployment.metadata.name}: strategy Recreate is not modelled`);
  const replicas = spec?.replicas ?? 1;
  const rolling = spec?.strategy?.rollingUpdate;
  const maxSurge = scaled(rolling?.maxSurge, "25%", replicas, true);
  const maxUnavailable = scaled(rolling?.maxUnavailable, "25%", replicas, false);
  return { replicas, maxSurge, maxUnavailable: maxSurge === 0 && maxUnavailable === 0 ? 1 : maxUnavailable };
}
