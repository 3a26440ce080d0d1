/** The control-plane log types EKS can send to CloudWatch Logs (EKS User Guide, "Send control plane logs to CloudWatch Logs"). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
export type ControlPlaneLogType = (typeof CONTROL_PLANE_LOG_TYPES)[number];
