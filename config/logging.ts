/** The control-plane log types EKS can send to CloudWatch Logs (EKS User Guide, "Send control plane logs to CloudWatch Logs"). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
export type ControlPlaneLogType = typeof CONTROL_PLANE_LOG_TYPES[number];

/** The group EKS writes control-plane logs to; its name is fixed by EKS. */
export function controlPlaneLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}

/** The group of the VPC's flow logs, named the way terraform-aws-modules/vpc names its own. */
export function flowLogGroupName(clusterName: string): string {
  return `/aws/vpc-flow-log/${clusterName}`;
}
