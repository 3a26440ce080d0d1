import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { typed } from "../../kubernetes/kubernetes-object";
import { waitFor } from "../../lib/poll";

/**
 * How many of a PodDisruptionBudget's pods may be evicted now
 * (kubernetes/kubernetes pkg/controller/disruption/disruption.go: healthy pods
 * are ready and not being deleted; disruptionsAllowed = currentHealthy -
 * desiredHealthy, never below 0). Only minAvailable as a count is modelled.
 */
export function disruptionsAllowed(budget: KubernetesObject, healthyPods: number): number {
  const minAvailable = typed<IPodDisruptionBudget>(budget).spec?.minAvailable;
  if (typeof minAvailable !== "number")
    throw new Error(`PodDisruptionBudget ${budget.metadata.name}: only a numeric minAvailable is modelled (got ${String(minAvailable)})`);
  return Math.max(0, healthyPods - minAvailable);
}

/** What a drain needs to know and do. */
export interface DrainOps<P> {
  /** The budget's pods that count as healthy now. */
  readonly healthyPods: () => number;
  /** Evicts a pod: its deletion is recorded (its controller replaces it); resolves then. */
  readonly evict: (pod: P) => void;
  /** Whether an evicted pod is gone: its graceful stop (preStop, then the stop signal) has ended. */
  readonly gone: (pod: P) => boolean;
}

/**
 * Drains the evictable pods of a node through the Eviction API, one at a time,
 * as `kubectl drain` and EKS's managed node group update do: an eviction that
 * the budget refuses (429) is retried every `retryMs` until `timeoutMs`
 * (EKS gives up after 15 minutes with PodEvictionFailure). DaemonSet pods are
 * not evicted: the caller leaves them out. It resolves once the evicted pods are
 * gone, as kubectl's drain waits for their deletion (k8s.io/kubectl
 * pkg/drain/drain.go, waitForDelete) and EKS terminates the instance only after
 * the drain: a pod still in its preStop would otherwise die with the node.
 */
export async function drainNode<P>(
  pods: readonly P[],
  budget: KubernetesObject,
  ops: DrainOps<P>,
  timeoutMs: number,
  retryMs = 500,
): Promise<void> {
  for (const pod of pods) {
    await waitFor(
      "the PodDisruptionBudget to allow an eviction",
      () => disruptionsAllowed(budget, ops.healthyPods()) > 0,
      timeoutMs,
      retryMs,
    );
    ops.evict(pod);
  }
  for (const pod of pods) await waitFor("an evicted pod to be gone", () => ops.gone(pod), timeoutMs, retryMs);
}
