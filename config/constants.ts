/**
 * Kubernetes minor versions Amazon EKS offers for new clusters (standard or
 * extended support), read from the EKS user guide's version lifecycle page.
 * Add a version here when EKS releases it.
 */
export const EKS_KUBERNETES_VERSIONS = ["1.31", "1.32", "1.33", "1.34", "1.35", "1.36"] as const;

/** EKS managed node group AMI types (aws_eks_node_group `ami_type`). */
export const EKS_AMI_TYPES = [
  "AL2023_x86_64_STANDARD",
  "AL2023_ARM_64_STANDARD",
  "AL2023_x86_64_NVIDIA",
  "AL2023_x86_64_NEURON",
  "BOTTLEROCKET_x86_64",
  "BOTTLEROCKET_ARM_64",
] as const;

/** EKS needs subnets in at least two AZs; six covers every region. */
export const AZ_COUNT_RANGE = { min: 2, max: 6 } as const;

/** EKS cluster names: 1-100 characters, alphanumeric first, then alphanumerics, hyphens and underscores. */
export const CLUSTER_NAME_PATTERN = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

/** Overlays live in kustomize/overlays/<name>. */
export const OVERLAY_NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Prefix of every environment variable that overrides a setting. */
export const ENV_PREFIX = "EKS_POC_";

/** Names of the two stacks: the cluster first, the workloads on top. */
export const STACK_NAMES = { cluster: "eks-cluster", workloads: "eks-workloads" } as const;
