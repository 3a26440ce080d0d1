/** Names of the two stacks: the cluster first, the workloads on top. */
export const STACK_NAMES = { cluster: "eks-cluster", workloads: "eks-workloads" } as const;
