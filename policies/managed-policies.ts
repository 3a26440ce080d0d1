// AWS managed policies, by the role that needs them. Names only; the partition's ARN prefix is added where used.

/** AmazonEKSVPCResourceController is left out: only security groups for pods (or Windows nodes) need it, and neither is used. */
export const CLUSTER_ROLE_POLICIES = ["AmazonEKSClusterPolicy"];

/** No AmazonEKS_CNI_Policy: with IMDS hop limit 2 every pod could use the node role's permissions. */
export const NODE_ROLE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"];

/** The VPC CNI's own role, which only its `aws-node` service account assumes through EKS Pod Identity. */
export const VPC_CNI_ROLE_POLICIES = ["AmazonEKS_CNI_Policy"];

/** EKS access policy given to the deploying principal and `adminPrincipalArns`; the partition's ARN prefix is added where used. */
export const CLUSTER_ADMIN_ACCESS_POLICY = "AmazonEKSClusterAdminPolicy";
