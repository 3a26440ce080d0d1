import type { RolloutStrategy } from "./rollout-strategy";

/** What a DaemonSet rollout does to pods, as the control plane and the kubelet carry it out. */
export interface DaemonSetRolloutOps<P> {
  /** Creates a pod of the new template on `node`; resolves once it is ready (available, minReadySeconds 0). */
  readonly create: (node: string) => Promise<P>;
  /** Deletes a pod: returns at once (the deletion is recorded); `gone` resolves once its containers have exited. */
  readonly remove: (pod: P) => { readonly gone: Promise<void> };
}

/**
 * Rolls a DaemonSet's pods to a new template, node after node, as
 * kubernetes/kubernetes pkg/controller/daemon/update.go (rollingUpdate) does.
 * With maxSurge, up to that many nodes at once get a new pod beside the old
 * one; once the new pod is available the old one is deleted, and since
 * findUpdatedPodsOnNode skips pods being deleted, that node stops counting
 * against maxSurge at once, while the old pod still terminates. Without surge,
 * up to maxUnavailable nodes at once lose their pod, and the new pod is created
 * once the old one is gone. Resolves once every old pod is gone.
 */
export async function rollDaemonSet<P>(
  oldPods: ReadonlyArray<{ readonly node: string; readonly pod: P }>,
  strategy: RolloutStrategy,
  ops: DaemonSetRolloutOps<P>,
): Promise<void> {
  const gone: Array<Promise<void>> = [];
  const queue = [...oldPods];
  const surge = strategy.maxSurge > 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (surge) {
        await ops.create(next.node);
        gone.push(ops.remove(next.pod).gone);
      } else {
        await ops.remove(next.pod).gone;
        await ops.create(next.node);
      }
    }
  };
  const parallel = Math.max(1, surge ? strategy.maxSurge : strategy.maxUnavailable);
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
  await Promise.all(gone);
}
