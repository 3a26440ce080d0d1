/**
 * Pods each EKS add-on of the cluster stack runs on one node: vpc-cni runs the
 * aws-node DaemonSet, kube-proxy and eks-pod-identity-agent a DaemonSet each,
 * and coredns a Deployment of two replicas that may share a node. The keys are
 * the add-ons ClusterAddons installs (a test holds them equal).
 */
export const ADDON_PODS_PER_NODE: Readonly<Record<string, number>> = {
  "vpc-cni": 1,
  "kube-proxy": 1,
  "eks-pod-identity-agent": 1,
  coredns: 2,
};
