import type { RolloutStrategy } from "./rollout-strategy";

/** What a Deployment rollout does to pods. */
export interface DeploymentRolloutOps<P> {
  /** Creates (schedules and starts) a pod of the new template; resolves once it is ready. */
  readonly create: () => Promise<P>;
  /** Deletes a pod: returns at once; `gone` resolves once its containers have exited. */
  readonly remove: (pod: P) => { readonly gone: Promise<void> };
}

/**
 * Rolls a Deployment's pods to a new template as kubernetes/kubernetes
 * pkg/controller/deployment/rolling.go does: each round scales the old pods
 * down as far as `replicas - maxUnavailable` available pods allow
 * (reconcileOldReplicaSets) and the new ones up to at most `replicas +
 * maxSurge` pods in all (NewRSNewReplicas); pods being deleted count for
 * neither. Resolves once every old pod is gone.
 */
export async function rollDeployment<P>(
  oldPods: readonly P[],
  strategy: RolloutStrategy & { readonly replicas: number },
  ops: DeploymentRolloutOps<P>,
): Promise<P[]> {
  const old = [...oldPods];
  const created: P[] = [];
  const gone: Array<Promise<void>> = [];
  const { replicas, maxSurge, maxUnavailable } = strategy;
  // Each round changes at least one pod, so this many rounds end any rollout that can end.
  for (let round = 0; round < 2 * (old.length + replicas) + 1 && (old.length > 0 || created.length < replicas); round++) {
    const removable = Math.min(old.length, old.length + created.length - (replicas - maxUnavailable));
    for (const pod of old.splice(0, Math.max(0, removable))) gone.push(ops.remove(pod).gone);
    const toCreate = Math.min(replicas - created.length, replicas + maxSurge - (old.length + created.length));
    if (removable <= 0 && toCreate <= 0)
      throw new Error(`the rollout cannot progress (maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable})`);
    created.push(...(await Promise.all(Array.from({ length: Math.max(0, toCreate) }, () => ops.create()))));
  }
  await Promise.all(gone);
  return created;
}
