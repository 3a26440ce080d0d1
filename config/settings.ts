import { EksAmiType } from "./ami-types";
import { ControlPlaneLogType } from "./logging";

/** How the worker nodes reach the internet. */
export type SubnetMode = "public" | "private";

/** Where Terraform keeps its state. */
export interface StateSettings {
  /** S3 bucket for remote state; empty keeps local state files. @default "" */
  readonly bucket: string;
  /** Key prefix inside the bucket; each stack adds `/<stack>.tfstate`. @default "eks-haproxy-poc" */
  readonly keyPrefix: string;
  /** Region of the bucket. @default the cluster's region */
  readonly region: string;
}

/** Every setting of the project, after defaults, overrides and validation. */
export interface Settings {
  /** EKS cluster name, also used to name and tag everything else. @default "eks-haproxy-poc" */
  readonly clusterName: string;
  /** AWS region. @default "us-east-1" */
  readonly region: string;
  /** Explicit availability zones; empty means the first `azCount` available ones. @default [] */
  readonly azs: readonly string[];
  /** How many availability zones, one node group each. @default 3 */
  readonly azCount: number;
  /** The VPC's IPv4 CIDR. @default "10.0.0.0/16" */
  readonly vpcCidr: string;
  /** Prefix length of each derived subnet. @default 24 */
  readonly subnetPrefixLength: number;
  /** Explicit public subnet CIDRs, one per AZ; empty derives them from `vpcCidr`. @default [] */
  readonly publicSubnetCidrs: readonly string[];
  /** Explicit private subnet CIDRs, one per AZ (private mode only). @default [] */
  readonly privateSubnetCidrs: readonly string[];
  /** `public`: nodes in public subnets, no NAT (POC); `private`: nodes behind NAT. @default "public" */
  readonly subnetMode: SubnetMode;
  /** In private mode, one shared NAT gateway instead of one per AZ. @default false */
  readonly singleNatGateway: boolean;
  /** EKS Kubernetes minor version, one EKS offers on the day of synth. @default "1.35" */
  readonly kubernetesVersion: string;
  /**
   * Accept EKS extended support and its price (upgrade policy EXTENDED); without it the
   * upgrade policy is STANDARD and a version in extended support is refused. @default false
   */
  readonly allowExtendedSupport: boolean;
  /** Instance types of the managed node groups. @default ["t3.medium"] */
  readonly nodeInstanceTypes: readonly string[];
  /** EKS AMI type of the nodes. @default "AL2023_x86_64_STANDARD" */
  readonly nodeAmiType: EksAmiType;
  /** Desired nodes per AZ. @default 1 */
  readonly nodeDesiredSize: number;
  /** Minimum nodes per AZ. @default 1 */
  readonly nodeMinSize: number;
  /** Maximum nodes per AZ. @default 2 */
  readonly nodeMaxSize: number;
  /** Root volume size of each node in GiB. @default 20 */
  readonly nodeDiskSizeGib: number;
  /** IMDSv2 hop limit: 2 lets pods reach instance metadata, 1 blocks them. @default 2 */
  readonly imdsHopLimit: number;
  /** CIDRs allowed to reach the public API endpoint. @default ["0.0.0.0/0"] */
  readonly endpointPublicAccessCidrs: readonly string[];
  /** IAM principal ARNs given cluster-admin access besides the creator. @default [] */
  readonly adminPrincipalArns: readonly string[];
  /**
   * Client CIDRs allowed through the load balancer: the Service's
   * `loadBalancerSourceRanges`, which the controller also opens to the NodePorts. @default ["0.0.0.0/0"]
   */
  readonly loadBalancerSourceRanges: readonly string[];
  /**
   * Client CIDRs allowed to the stats page (port 9000) through a load balancer
   * of its own; empty publishes no such load balancer. @default []
   */
  readonly statsSourceRanges: readonly string[];
  /** Days to keep control plane logs. @default 7 */
  readonly logRetentionDays: number;
  /** Control-plane log types sent to CloudWatch Logs. @default all five: api, audit, authenticator, controllerManager, scheduler */
  readonly controlPlaneLogTypes: readonly ControlPlaneLogType[];
  /**
   * Where the VPC's flow logs go: `cloudwatch` (a KMS-encrypted log group of this stack), an S3 bucket ARN
   * (`arn:aws:s3:::bucket[/prefix]`, a bucket you own), or `none`. @default "cloudwatch"
   */
  readonly flowLogDestination: string;
  /** Days to keep flow logs in CloudWatch Logs. @default logRetentionDays */
  readonly flowLogRetentionDays: number;
  /** Tags applied to every AWS resource. @default { Project: "eks-haproxy-poc", ManagedBy: "cdktf" } */
  readonly tags: Readonly<Record<string, string>>;
  /** The kustomize overlay the workloads stack applies. @default "poc" */
  readonly overlay: string;
  /** Terraform state location. */
  readonly state: StateSettings;
}
