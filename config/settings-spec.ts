import { amiTypesOf, EKS_AMI_TYPES, FAMILY_DEVICES } from "./aws/ami-types";
import type { EksAmiType } from "./aws/ami-types";
import { checkDerivedNames, tightestDerivedName } from "./derived-names";
import { parseBoolean, parseChoice, parseInteger, parseList, parseMap, parseOptionalInteger, parseString } from "./parse-values";
import type { Problems, RawSetting } from "./problems";
import {
  checkAdminPrincipals,
  checkCidrs,
  checkEndpointCidrs,
  checkLoadBalancerSourceRanges,
  MAX_ENDPOINT_CIDRS,
  MAX_SOURCE_RANGES,
  maxStatsSourceRanges,
  validateStatsSourceRanges,
} from "./rules/access";
import { checkClusterName, checkKubernetesVersion, checkPartitions, checkRegion, EXTENDED_SUPPORT_PRICES } from "./rules/cluster";
import {
  checkFlowLogDestination,
  checkFlowLogRetention,
  checkFlowLogRetentionApplies,
  checkLogRetention,
  checkLogTypes,
  CONTROL_PLANE_LOG_TYPES,
  RESERVED_FLOW_LOG_FOLDER,
} from "./rules/logs";
import type { ControlPlaneLogType } from "./rules/logs";
import {
  AZ_COUNT_RANGE,
  checkUnusedSubnetSettings,
  EKS_REFUSED_ZONE_IDS,
  planNetwork,
  VPC_PREFIX_RANGE,
  VPC_REFUSED_RANGES,
} from "./rules/network";
import type { NetworkPlan } from "./rules/network";
import {
  checkDiskSize,
  checkHopLimit,
  checkInstanceArchitecture,
  checkInstanceTypes,
  checkNodeSizes,
  MAX_INSTANCE_TYPES,
  MIN_NODES_PER_AZ,
  NODES_PER_NODE_GROUP_QUOTA,
} from "./rules/nodes";
import { BUCKET_NAME_LENGTH, checkStateBucket, checkStateKeyPrefix, checkStateRegion, checkStateWithoutBucket } from "./rules/state";
import { checkOverlayName, MAX_TAGS, OWN_TAGS, TAG_LENGTHS, TAG_PUNCTUATION, TAGS_PER_RESOURCE } from "./rules/workloads-and-tags";

/** Where a setting's row goes in the configuration table (docs/configuration.md). */
export const SETTING_GROUPS = ["Cluster", "Network", "Nodes", "Access", "Logs", "Workloads and tags", "Terraform state"] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** A check of one setting's parsed value: adds a line (setting, value, source, allowed) to `problems` when it refuses. */
export type SettingRule<T> = (value: T, raw: RawSetting, problems: Problems) => void;

/**
 * One setting, declared once: its default (what an unwritten setting is), how its written value is parsed (a cdktf.json
 * JSON value or an environment variable's string; the parser's type is the setting's type), the rules its value
 * alone must pass, and its row in docs/configuration.md. Its variable is `EKS_POC_` and the name in capitals (sources.ts, envName). Its rules
 * are in rules/, one file per group.
 */
export interface SettingSpec<T> {
  readonly default: T;
  readonly parse: (raw: RawSetting, problems: Problems) => T;
  readonly rules?: ReadonlyArray<SettingRule<T>>;
  readonly group: SettingGroup;
  /** Its one or two sentences in the configuration table (markdown; links resolve in docs/configuration.md, details go there). */
  readonly doc: string;
  /** The table's default column, where the default is another setting's value or derived. */
  readonly defaultDoc?: string;
  /** Variables that count below `EKS_POC_<NAME>` and above the context, the first set winning (region: AWS_REGION, AWS_DEFAULT_REGION). */
  readonly alsoFrom?: readonly string[];
  /**
   * An empty `EKS_POC_<NAME>` is the empty value, for the rules to refuse, rather than the default: an allowlist whose
   * default lets every address in must not mean everyone when a script leaves its variable empty.
   */
  readonly emptyIsNotDefault?: true;
}

// The limits the doc lines state, taken from the rules that enforce them, so that a changed limit changes the table.
const code = (items: readonly string[]): string => items.map((item) => `\`${item}\``).join(", ");
const AZS = `${AZ_COUNT_RANGE.min} to ${AZ_COUNT_RANGE.max}`;
const TIGHTEST_NAME = tightestDerivedName(AZ_COUNT_RANGE.max);
const TIGHTEST_WITHOUT_FLOW_LOG_ROLE = tightestDerivedName(AZ_COUNT_RANGE.max, false);
const SMALLEST_BLOCK = `/${VPC_PREFIX_RANGE.max}`;
const SUBNET_LIST = `one per AZ, inside \`vpcCidr\`, ${SMALLEST_BLOCK} or larger, none overlapping another`;

/**
 * What the network plan (rules/network.ts, planNetwork) refuses of each setting it names in its messages: NETWORK_RULE
 * lists these beside the settings, and their doc lines quote them.
 */
const NETWORK_CHECKS = {
  azs: `AZs of \`region\`, each once, ${AZS} of them`,
  azCount: `${AZS} when written, and with \`azs\` written too, at most as many as it lists`,
  vpcCidr: `an IPv4 CIDR of /${VPC_PREFIX_RANGE.min} to ${SMALLEST_BLOCK}, outside ${code(VPC_REFUSED_RANGES.map(({ cidr }) => cidr))}`,
  subnetPrefixLength: `from the shortest that gives each AZ a block, in half of \`vpcCidr\` in private mode, to ${SMALLEST_BLOCK}`,
  publicSubnetCidrs: SUBNET_LIST,
  privateSubnetCidrs: `in private mode, ${SUBNET_LIST}`,
};
const { "node instance": INSTANCE_OWN_TAGS, subnet: SUBNET_OWN_TAGS, "load balancer": LOAD_BALANCER_OWN_TAGS } = OWN_TAGS;

/** Lets TypeScript infer each entry's type from its parser, and check the default and rules against it. */
function setting<T>(spec: SettingSpec<T>): SettingSpec<T> {
  return spec;
}

/**
 * Every setting of the project. Secure unless named otherwise: each POC relaxation (a default a lasting cluster should
 * change) says so in its doc line. Precedence, highest first: `EKS_POC_<NAME>` (an empty one means "the default"), the
 * context (cdktf.json's `context`, which the cdktf CLI hands the app), the default here. cdktf.json ships no setting:
 * whatever it holds, the user wrote.
 */
export const SETTINGS_SPEC = {
  clusterName: setting({
    default: "eks-haproxy-poc",
    parse: parseString,
    rules: [checkClusterName],
    group: "Cluster",
    doc:
      `EKS cluster name; also names and tags the rest. At most ${TIGHTEST_NAME.room} characters (${TIGHTEST_WITHOUT_FLOW_LOG_ROLE.room} when ` +
      `\`flowLogDestination\` is not \`cloudwatch\`), so that the ${TIGHTEST_NAME.what} \`${TIGHTEST_NAME.name}\` fits AWS's ` +
      `limit of ${TIGHTEST_NAME.limit} ([more](#clustername))`,
  }),
  region: setting({
    default: "us-east-1",
    parse: parseString,
    rules: [checkRegion],
    group: "Cluster",
    // The AWS CLI's and SDKs' order: AWS_REGION over AWS_DEFAULT_REGION over the profile's region (AWS CLI user guide,
    // "Environment variables to configure the AWS CLI").
    alsoFrom: ["AWS_REGION", "AWS_DEFAULT_REGION"],
    doc:
      "AWS region code of any partition (`us-east-1`, `cn-north-1`, `us-gov-west-1`...), which `terraform plan` checks exists " +
      "([more](#region))",
  }),
  kubernetesVersion: setting({
    default: "1.35",
    parse: parseString,
    group: "Cluster",
    doc:
      "EKS Kubernetes minor version, checked at synth against `config/aws/eks-versions.ts` and at plan against what EKS offers in the region " +
      "([more](#kubernetesversion))",
  }),
  allowExtendedSupport: setting({
    // Extended support bills 6x the standard control-plane price; only an explicit opt-in accepts it.
    default: false,
    parse: parseBoolean,
    group: "Cluster",
    doc:
      `accept EKS extended support (${EXTENDED_SUPPORT_PRICES}), which a version past its end of standard support needs ` +
      "([more](#kubernetes-versions-and-their-price))",
  }),
  azs: setting<readonly string[]>({
    default: [],
    parse: parseList,
    group: "Network",
    defaultDoc: "(empty)",
    doc:
      `explicit AZs (${NETWORK_CHECKS.azs}); empty: the first \`azCount\` available AZs, skipping the zone IDs EKS refuses ` +
      `(${code(EKS_REFUSED_ZONE_IDS)}) ([more](#azs-and-azcount))`,
  }),
  azCount: setting({
    default: 3,
    parse: parseInteger,
    group: "Network",
    doc: `AZs (${AZS}); one node group each. With \`azs\` written too, the first \`azCount\` of them ([more](#azs-and-azcount))`,
  }),
  vpcCidr: setting({
    default: "10.0.0.0/16",
    parse: parseString,
    group: "Network",
    doc: `VPC CIDR (${NETWORK_CHECKS.vpcCidr})`,
  }),
  subnetPrefixLength: setting({
    default: 24,
    parse: parseInteger,
    group: "Network",
    doc:
      `prefix length of derived subnets (${NETWORK_CHECKS.subnetPrefixLength}): public ones take the VPC's first blocks, ` +
      "private ones its second half",
  }),
  publicSubnetCidrs: setting<readonly string[]>({
    default: [],
    parse: parseList,
    group: "Network",
    defaultDoc: "(derived)",
    doc: `explicit public subnets: ${NETWORK_CHECKS.publicSubnetCidrs}`,
  }),
  privateSubnetCidrs: setting<readonly string[]>({
    default: [],
    parse: parseList,
    group: "Network",
    defaultDoc: "(derived)",
    doc: `explicit private subnets: ${NETWORK_CHECKS.privateSubnetCidrs}`,
  }),
  subnetMode: setting({
    // POC relaxation: nodes in public subnets (no NAT gateway cost).
    default: "public",
    parse: parseChoice(["public", "private"] as const),
    group: "Network",
    doc:
      "`public`: nodes in public subnets, no NAT (the original's POC choice); `private`: nodes in private subnets behind NAT, public " +
      "subnets only for load balancers. **Use `private` for anything that lasts.**",
  }),
  singleNatGateway: setting({
    default: false,
    parse: parseBoolean,
    group: "Network",
    doc: "private mode: one shared NAT gateway instead of one per AZ (cheaper, not AZ-resilient)",
  }),
  nodeInstanceTypes: setting<readonly string[]>({
    default: ["t3.medium"],
    parse: parseList,
    rules: [checkInstanceTypes],
    group: "Nodes",
    doc:
      `node instance types of the AMI type's architecture, at most ${MAX_INSTANCE_TYPES} (EKS's limit), each holding the pods a node may ` +
      "run ([more](#nodeinstancetypes))",
  }),
  nodeAmiType: setting<EksAmiType>({
    default: "AL2023_x86_64_STANDARD",
    parse: parseChoice(Object.keys(EKS_AMI_TYPES) as EksAmiType[], " (the AMI types whose volumes the launch template maps)"),
    group: "Nodes",
    doc:
      `EKS AMI type: the AL2023 (${code(amiTypesOf("AL2023"))}) and Bottlerocket (${code(amiTypesOf("BOTTLEROCKET"))}) types, ` +
      "whose volumes the launch template maps; not AL2 or Windows",
  }),
  nodeDesiredSize: setting({
    default: 1,
    parse: parseInteger,
    group: "Nodes",
    doc:
      `nodes **per AZ** at deploy; ${MIN_NODES_PER_AZ} <= \`nodeMinSize\` <= \`nodeDesiredSize\` <= \`nodeMaxSize\`. A changed desired size is applied on the next ` +
      "deploy (no autoscaler owns it)",
  }),
  nodeMinSize: setting({
    default: 1,
    parse: parseInteger,
    group: "Nodes",
    doc: `fewest nodes per AZ, at least ${MIN_NODES_PER_AZ} (a node group at 0 would leave its AZ without a HAProxy)`,
  }),
  nodeMaxSize: setting({
    default: 2,
    parse: parseInteger,
    group: "Nodes",
    doc: `most nodes per AZ, at most ${NODES_PER_NODE_GROUP_QUOTA} (EKS's default quota of nodes per managed node group, which Service Quotas can raise)`,
  }),
  nodeDiskSizeGib: setting({
    default: 20,
    parse: parseInteger,
    rules: [checkDiskSize],
    group: "Nodes",
    doc:
      `encrypted gp3 volume per node for container images: the root volume (\`${FAMILY_DEVICES.AL2023.data}\`) on AL2023, the data ` +
      `volume (\`${FAMILY_DEVICES.BOTTLEROCKET.data}\`) on Bottlerocket ([more](#nodedisksizegib))`,
  }),
  imdsHopLimit: setting({
    // POC relaxation: pods may reach IMDSv2 (the metadata app reads the node's AZ).
    default: 2,
    parse: parseInteger,
    rules: [checkHopLimit],
    group: "Nodes",
    doc:
      "IMDSv2 hop limit. POC relaxation: 2 lets pods read instance metadata; set 1 when port 5000 is not needed " +
      "([more](#the-imds-hop-limit))",
  }),
  endpointPublicAccessCidrs: setting<readonly string[]>({
    // POC relaxation: the API endpoint answers any address (still authenticated by IAM).
    default: ["0.0.0.0/0"],
    parse: parseList,
    rules: [checkEndpointCidrs],
    emptyIsNotDefault: true,
    group: "Access",
    doc:
      `who may reach the public API endpoint (still IAM-authenticated): at most ${MAX_ENDPOINT_CIDRS} public CIDRs. ` +
      "**Narrow it to your own address.** ([more](#endpointpublicaccesscidrs))",
  }),
  adminPrincipalArns: setting<readonly string[]>({
    default: [],
    parse: parseList,
    rules: [checkAdminPrincipals],
    group: "Access",
    doc:
      "IAM roles or users given cluster-admin besides the deploying principal, in the region's partition; not service-linked roles " +
      "([more](#admin-access))",
  }),
  loadBalancerSourceRanges: setting<readonly string[]>({
    // POC relaxation: the load balancer (and, in public mode, each node's NodePorts) answers any address.
    default: ["0.0.0.0/0"],
    parse: parseList,
    rules: [checkLoadBalancerSourceRanges],
    emptyIsNotDefault: true,
    group: "Access",
    doc:
      `who may reach the load balancer of ports 80 and 5000, and in public mode each node's NodePorts: at most ${MAX_SOURCE_RANGES} CIDRs. ` +
      "**Narrow it to your own address.** ([more](#who-can-reach-what))",
  }),
  statsSourceRanges: setting<readonly string[]>({
    // Closed: no load balancer for the stats page; reach it with kubectl port-forward.
    default: [],
    parse: parseList,
    rules: [checkCidrs],
    group: "Access",
    doc:
      "who may reach the stats page (port 9000) through a load balancer of its own; empty publishes none. With 13 in " +
      `\`loadBalancerSourceRanges\`, at most ${maxStatsSourceRanges(13)} ([more](#the-stats-page))`,
  }),
  logRetentionDays: setting({
    // POC relaxation: a week of logs keeps a short-lived cluster cheap.
    default: 7,
    parse: parseInteger,
    rules: [checkLogRetention],
    group: "Logs",
    doc: "control plane log retention (POC relaxation: keep 365 days or more for anything lasting)",
  }),
  controlPlaneLogTypes: setting<readonly ControlPlaneLogType[]>({
    // Every control-plane log type, as the CIS EKS Benchmark (2.1.1) asks.
    default: CONTROL_PLANE_LOG_TYPES,
    // The rule refuses any item that is not a log type, so what passes is one.
    parse: (raw, problems) => parseList(raw, problems) as ControlPlaneLogType[],
    rules: [checkLogTypes],
    group: "Logs",
    doc:
      "control-plane log types sent to CloudWatch Logs, by default all of them, as CIS EKS Benchmark 2.1.1 asks; `[]` in `cdktf.json` " +
      "for none ([more](#controlplanelogtypes))",
  }),
  flowLogDestination: setting({
    default: "cloudwatch",
    parse: parseString,
    rules: [checkFlowLogDestination],
    group: "Logs",
    doc:
      "the VPC's flow logs (all traffic): `cloudwatch` to a KMS-encrypted log group, an S3 bucket ARN (no folder named " +
      `\`${RESERVED_FLOW_LOG_FOLDER}\`) to a bucket you own, or \`none\` ([more](#flowlogdestination))`,
  }),
  flowLogRetentionDays: setting<number | undefined>({
    default: undefined,
    parse: parseOptionalInteger,
    rules: [checkFlowLogRetention],
    group: "Logs",
    defaultDoc: "`logRetentionDays`",
    doc: "days the flow-log group keeps records (the values `logRetentionDays` takes); empty: the same as `logRetentionDays`; `cloudwatch` only",
  }),
  tags: setting<Readonly<Record<string, string>>>({
    // Checked in load-settings.ts (readTags, with rules/workloads-and-tags.ts): EKS_POC_TAGS adds to the layer below it, and each layer's problems name its source.
    default: { Project: "eks-haproxy-poc", ManagedBy: "cdktf" },
    parse: parseMap,
    group: "Workloads and tags",
    doc:
      "tags on every AWS resource, added to key by key by `EKS_POC_TAGS`. " +
      `At most ${MAX_TAGS}, counting those it adds (AWS allows ${TAGS_PER_RESOURCE}; a node's instance carries ${INSTANCE_OWN_TAGS} ` +
      `of its own, a subnet ${SUBNET_OWN_TAGS}, the load balancer ${LOAD_BALANCER_OWN_TAGS}); keys of ${TAG_LENGTHS.key.min} to ` +
      `${TAG_LENGTHS.key.max} and values up to ${TAG_LENGTHS.value.max} characters of letters, numbers, spaces and ` +
      `\`${TAG_PUNCTUATION}\` ([more](#tags))`,
  }),
  overlay: setting({
    default: "poc",
    parse: parseString,
    rules: [checkOverlayName],
    group: "Workloads and tags",
    doc: "the folder of `kustomize/overlays` the workloads stack applies",
  }),
  stateBucket: setting({
    default: "",
    parse: parseString,
    rules: [checkStateBucket],
    group: "Terraform state",
    defaultDoc: "(empty)",
    doc:
      `S3 bucket for Terraform state, named by S3's rules (${BUCKET_NAME_LENGTH.min} to ${BUCKET_NAME_LENGTH.max} lowercase letters, digits, dots and ` +
      "hyphens; no reserved prefix or suffix); empty keeps local `terraform.<stack>.tfstate` files",
  }),
  stateKeyPrefix: setting({
    default: "eks-haproxy-poc",
    parse: parseString,
    rules: [checkStateKeyPrefix],
    group: "Terraform state",
    doc: "key prefix in the bucket (`<prefix>/<stack>.tfstate`): not empty, no `/` first or last, no `//` (the S3 backend refuses such keys)",
  }),
  stateRegion: setting({
    default: "",
    parse: parseString,
    rules: [checkStateRegion],
    group: "Terraform state",
    defaultDoc: "the cluster's region",
    doc: "the bucket's region (a region code, as `region`); S3 state uses S3-native locking (`use_lockfile`)",
  }),
};

export type SettingName = keyof typeof SETTINGS_SPEC;

/** Each setting's parsed type, as its parser gives it. */
export type SpecValues = { readonly [K in SettingName]: (typeof SETTINGS_SPEC)[K] extends SettingSpec<infer T> ? T : never };

export const SETTING_NAMES = Object.keys(SETTINGS_SPEC) as SettingName[];

/** How the worker nodes reach the internet. */
export type SubnetMode = SpecValues["subnetMode"];

/** Where Terraform keeps its state: the settings stateBucket, stateKeyPrefix and stateRegion (above). */
export interface StateSettings {
  readonly bucket: string;
  readonly keyPrefix: string;
  /** The bucket's region: stateRegion, or the cluster's region when it is empty. */
  readonly region: string;
}

/**
 * Every setting of the project, after defaults, overrides and validation: each is declared, with its type, default
 * and documentation, once above. Here only what loading resolves: the AZs and subnets the network
 * plan settles on (same types), the flow-log retention (logRetentionDays when not written) and the state settings grouped.
 */
export interface Settings extends Omit<SpecValues, "flowLogRetentionDays" | "stateBucket" | "stateKeyPrefix" | "stateRegion"> {
  readonly flowLogRetentionDays: number;
  readonly state: StateSettings;
}

/** The parsed values a rule of several settings reads, and where each came from, for its messages. */
export interface RuleInput {
  readonly values: SpecValues;
  readonly get: (name: SettingName) => RawSetting;
  /** The day settings are judged on (what EKS offers then). */
  readonly day: Date;
  /** The number of AZs the network plan settled on (azs and azCount together). */
  readonly azCount: number;
}

/**
 * The rule of the AZ and subnet settings: the network plan judges them together and derives the subnets the stacks
 * build. load-settings.ts runs it before CROSS_SETTING_RULES, whose derived-name limits need the AZ count it settles on.
 */
export interface NetworkRule {
  /** Every setting the plan reads. */
  readonly involves: readonly SettingName[];
  /** What it refuses of each setting its messages name (the others it only reads). */
  readonly checks: Readonly<Partial<Record<SettingName, string>>>;
  readonly plan: (values: SpecValues, get: (name: SettingName) => RawSetting, problems: Problems) => NetworkPlan;
}

export const NETWORK_RULE: NetworkRule = {
  involves: ["region", "subnetMode", "azs", "azCount", "vpcCidr", "subnetPrefixLength", "publicSubnetCidrs", "privateSubnetCidrs"],
  checks: NETWORK_CHECKS,
  // azCount counts as written wherever the user wrote it (cdktf.json, the CLI's context or its variable), never by its value.
  plan: (values, get, problems) => planNetwork({ ...values, azCountIsExplicit: get("azCount").origin !== "default" }, get, problems),
};

/** A rule of several settings, beside the settings it involves. */
export interface CrossSettingRule {
  readonly involves: readonly SettingName[];
  readonly check: (input: RuleInput, problems: Problems) => void;
}

/**
 * The rules that judge settings together, after NETWORK_RULE (the AZ and subnet settings), whose AZ count feeds the name
 * limits below. Derived names (roles, node groups, log groups; their AWS limits are in derived-names.ts) are checked here.
 */
export const CROSS_SETTING_RULES: readonly CrossSettingRule[] = [
  {
    involves: ["nodeMinSize", "nodeDesiredSize", "nodeMaxSize"],
    check: ({ values, get }, problems) => checkNodeSizes(values, get, problems),
  },
  {
    involves: ["nodeInstanceTypes", "nodeAmiType"],
    check: ({ values, get }, problems) => checkInstanceArchitecture(values, get, problems),
  },
  {
    involves: ["subnetMode", "privateSubnetCidrs", "publicSubnetCidrs", "singleNatGateway", "subnetPrefixLength"],
    check: ({ values, get }, problems) => checkUnusedSubnetSettings(values, get, problems),
  },
  {
    involves: ["stateBucket", "stateKeyPrefix", "stateRegion"],
    check: ({ values, get }, problems) => checkStateWithoutBucket(values, get, problems),
  },
  {
    involves: ["kubernetesVersion", "allowExtendedSupport"],
    check: ({ values, get, day }, problems) => checkKubernetesVersion(values, day, get, problems),
  },
  {
    involves: ["clusterName", "azCount", "azs", "flowLogDestination"],
    check: ({ values, get, azCount }, problems) => checkDerivedNames(values, azCount, get, problems),
  },
  {
    involves: ["region", "adminPrincipalArns", "flowLogDestination"],
    check: ({ values, get }, problems) => checkPartitions(values, get, problems),
  },
  {
    involves: ["loadBalancerSourceRanges", "statsSourceRanges"],
    check: ({ values, get }, problems) => validateStatsSourceRanges(values, get, problems),
  },
  {
    involves: ["flowLogRetentionDays", "flowLogDestination"],
    check: ({ values, get }, problems) => checkFlowLogRetentionApplies(values, get, problems),
  },
];
