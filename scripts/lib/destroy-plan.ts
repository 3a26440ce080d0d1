import type { TerraformState } from "./stack-state";
import { managedResources } from "./stack-state";

/** The stacks `npm run destroy` destroys, in order (each with its own `cdktf destroy`), or none. */
export interface DestroyPlan {
  readonly stacks: readonly string[];
  /** Lines that explain the choice to the user. */
  readonly notes: readonly string[];
}

export interface StackStates {
  readonly cluster: { readonly name: string; readonly state: TerraformState | undefined };
  readonly workloads: { readonly name: string; readonly state: TerraformState | undefined; readonly where: string };
}

/**
 * Destroying the workloads stack needs a live cluster: its kubernetes and
 * kubectl providers read the endpoint from the cluster stack's outputs, which
 * are missing when the first deploy failed before the cluster existed (and
 * then `cdktf destroy '*'` stops before the cluster stack, leaving the VPC,
 * roles and key). So the workloads are destroyed only when they hold
 * resources and the cluster they live in is in the cluster stack's state;
 * otherwise the cluster stack is destroyed alone.
 */
export function planDestroy(states: StackStates): DestroyPlan {
  const cluster = managedResources(states.cluster.state);
  const workloads = managedResources(states.workloads.state);
  const count = (resources: Record<string, number>) => Object.values(resources).reduce((a, b) => a + b, 0);
  const clusterExists = (cluster.aws_eks_cluster ?? 0) > 0;

  if (count(workloads) > 0 && clusterExists) {
    return { stacks: [states.workloads.name, states.cluster.name], notes: [] };
  }
  const notes =
    count(workloads) > 0
      ? [
          `${states.workloads.name}: its state lists ${count(workloads)} resources, but the cluster they ran in is gone; ` +
            `skipped (they went with the cluster); remove ${states.workloads.where} if it is stale`,
        ]
      : [`${states.workloads.name}: nothing deployed, skipped`];
  if (count(cluster) === 0) {
    return { stacks: [], notes: [...notes, `${states.cluster.name}: nothing deployed, skipped`] };
  }
  return { stacks: [states.cluster.name], notes };
}
