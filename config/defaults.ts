import { CONTROL_PLANE_LOG_TYPES } from "./logging";

/**
 * The one place defaults live. Secure unless named otherwise: each POC
 * relaxation (a default a lasting cluster should change) is marked
 * "POC relaxation" where it is set.
 */
export const DEFAULTS = {
  clusterName: "eks-haproxy-poc",
  region: "us-east-1",
  azs: [] as string[],
  azCount: 3,
  vpcCidr: "10.0.0.0/16",
  subnetPrefixLength: 24,
  publicSubnetCidrs: [] as string[],
  privateSubnetCidrs: [] as string[],
  // POC relaxation: nodes in public subnets (no NAT gateway cost). Set "private" for anything lasting.
  subnetMode: "public",
  singleNatGateway: false,
  kubernetesVersion: "1.35",
  // Extended support bills 6x the standard control-plane price; only an explicit opt-in accepts it.
  allowExtendedSupport: false,
  nodeInstanceTypes: ["t3.medium"],
  nodeAmiType: "AL2023_x86_64_STANDARD",
  nodeDesiredSize: 1,
  nodeMinSize: 1,
  nodeMaxSize: 2,
  nodeDiskSizeGib: 20,
  // POC relaxation: pods may reach IMDSv2 (the metadata app reads the node's AZ). Set 1 when port 5000 is not needed.
  imdsHopLimit: 2,
  // POC relaxation: the API endpoint answers any address (still authenticated by IAM). Narrow it to your own CIDR.
  endpointPublicAccessCidrs: ["0.0.0.0/0"],
  adminPrincipalArns: [] as string[],
  // POC relaxation: the load balancer (and, in public mode, each node's NodePorts) answers any address. Narrow it.
  loadBalancerSourceRanges: ["0.0.0.0/0"],
  // Closed: no load balancer for the stats page; reach it with kubectl port-forward.
  statsSourceRanges: [] as string[],
  // POC relaxation: a week of logs keeps a short-lived cluster cheap. Keep 365 days or more for anything lasting.
  logRetentionDays: 7,
  // Every control-plane log type, as the CIS EKS Benchmark (2.1.1) asks.
  controlPlaneLogTypes: [...CONTROL_PLANE_LOG_TYPES] as string[],
  flowLogDestination: "cloudwatch",
  // Empty: the same as logRetentionDays.
  flowLogRetentionDays: "",
  tags: { Project: "eks-haproxy-poc", ManagedBy: "cdktf" } as Record<string, string>,
  overlay: "poc",
  stateBucket: "",
  stateKeyPrefix: "eks-haproxy-poc",
  stateRegion: "",
};

export type SettingName = keyof typeof DEFAULTS;
