/** AWS managed policies, by the role that needs them. Names only; the partition's ARN prefix is added where used. */
export const CLUSTER_ROLE_POLICIES = ["AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController"];

export const NODE_ROLE_POLICIES = [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEKS_CNI_Policy",
  "AmazonEC2ContainerRegistryReadOnly",
];

/** EKS access policy given to the deploying principal and `adminPrincipalArns`; the partition's ARN prefix is added where used. */
export const CLUSTER_ADMIN_ACCESS_POLICY = "AmazonEKSClusterAdminPolicy";
