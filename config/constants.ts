/**
 * Zone IDs where EKS refuses cluster subnets (EKS user guide, "View Amazon EKS
 * networking requirements": subnet requirements). Zone IDs, not names: which
 * name (us-east-1a...) is which ID differs from account to account.
 */
export const EKS_REFUSED_ZONE_IDS = ["use1-az3", "usw1-az2", "cac1-az3"];

/** EKS needs subnets in at least two AZs; six covers every region. */
export const AZ_COUNT_RANGE = { min: 2, max: 6 } as const;

/**
 * Prefix lengths AWS accepts for a VPC's IPv4 block and for a subnet's (EC2 API reference, CreateVpc and CreateSubnet):
 * /16 (65,536 addresses) to /28 (16), the AWS minimum.
 */
export const VPC_PREFIX_RANGE = { min: 16, max: 28 } as const;

/**
 * Blocks a VPC cannot have: the VPC user guide ("VPC CIDR blocks") allows the RFC 1918 ranges and publicly routable
 * blocks, and these are neither (IANA's IPv4 special-purpose registry, RFC 6890): "this network", loopback, link-local
 * (which holds the instance metadata service), multicast and the reserved 240/4 with the broadcast address.
 * 100.64.0.0/10 (shared address space) is not here: the same guide lists it among the blocks a VPC may take.
 */
export const VPC_REFUSED_RANGES = [
  { cidr: "0.0.0.0/8", what: "this network" },
  { cidr: "127.0.0.0/8", what: "loopback" },
  { cidr: "169.254.0.0/16", what: "link-local" },
  { cidr: "224.0.0.0/4", what: "multicast" },
  { cidr: "240.0.0.0/4", what: "reserved" },
] as const;

/** EKS cluster names: 1-100 characters, alphanumeric first, then alphanumerics, hyphens and underscores. */
export const CLUSTER_NAME_PATTERN = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

/** Overlays live in kustomize/overlays/<name>. */
export const OVERLAY_NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Prefix of every environment variable that overrides a setting. */
export const ENV_PREFIX = "EKS_POC_";

/** Names of the two stacks: the cluster first, the workloads on top. */
export const STACK_NAMES = { cluster: "eks-cluster", workloads: "eks-workloads" } as const;

/**
 * `EKS_POC_` variables that are not settings: the app's debug switch, the day
 * to synthesize as (config/synth-date.ts) and the e2e harness's switch. Any
 * other `EKS_POC_` name that is not a setting's is refused.
 */
export const NON_SETTING_VARIABLES = ["EKS_POC_DEBUG", "EKS_POC_SYNTH_DATE", "EKS_POC_KEEP_HARNESS_LOGS"];
