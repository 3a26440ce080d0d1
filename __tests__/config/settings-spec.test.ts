import { sentence } from "../../config/problems";
import type { ConfigError } from "../../config/problems";
import { loadSettings } from "../../config/load-settings";
import { REGION_NAMES } from "../../config/aws/partitions";
import type { Settings, SettingName } from "../../config/settings-spec";
import { CROSS_SETTING_RULES, SETTINGS_SPEC, SETTING_NAMES } from "../../config/settings-spec";
import { envName, readRawSettings } from "../../config/sources";
import { TODAY, problemsFrom, settingsFrom } from "../helpers/settings";
import type * as network from "../../config/rules/network";
import type * as workloadsAndTags from "../../config/rules/workloads-and-tags";

/** A JSON value of cdktf.json as the same setting's environment variable spells it. */
function asVariable(value: unknown): string {
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "object" && value !== null)
    return Object.entries(value)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(",");
  return String(value);
}

function variables(context: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(context).map(([name, value]) => [envName(name as SettingName), asVariable(value)]));
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    return (error as ConfigError).problems.map(sentence);
  }
  throw new Error("settings were accepted");
}

describe("the defaults: nothing written", () => {
  let settings: Settings;
  beforeEach(() => (settings = settingsFrom()));

  it("give every setting its spec's default", () => {
    const resolved: Record<string, unknown> = { ...settings, ...settings.state };
    const asLoaded: Partial<Record<SettingName, string>> = {
      stateBucket: "bucket",
      stateKeyPrefix: "keyPrefix",
      stateRegion: "region",
      flowLogRetentionDays: "flowLogRetentionDays",
    };
    for (const name of SETTING_NAMES.filter((n) => !(n in asLoaded) && !["publicSubnetCidrs"].includes(n))) {
      expect([name, resolved[name]]).toEqual([name, SETTINGS_SPEC[name].default]);
    }
    // Where the spec's default stands for another value, loading resolves it.
    expect(settings.state).toEqual({ bucket: "", keyPrefix: "eks-haproxy-poc", region: "us-east-1" });
    expect(settings.flowLogRetentionDays).toBe(settings.logRetentionDays);
    expect(settings.publicSubnetCidrs).toEqual(["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]);
  });

  it("load to the values pinned here: a default changed in the spec fails this test until it is changed here too", () => {
    expect(settings).toMatchObject({
      clusterName: "eks-haproxy-poc",
      region: "us-east-1",
      azCount: 3,
      subnetMode: "public",
      kubernetesVersion: "1.35",
      nodeInstanceTypes: ["t3.medium"],
      nodeAmiType: "AL2023_x86_64_STANDARD",
      nodeDesiredSize: 1,
      nodeMinSize: 1,
      nodeMaxSize: 2,
      imdsHopLimit: 2,
      loadBalancerSourceRanges: ["0.0.0.0/0"],
      logRetentionDays: 7,
      flowLogRetentionDays: 7,
      overlay: "poc",
      tags: { Project: "eks-haproxy-poc", ManagedBy: "cdktf" },
    });
  });
});

describe("every setting written", () => {
  /** A value other than the default for each setting, all valid together. */
  const CUSTOM: Record<SettingName, unknown> = {
    clusterName: "team-poc",
    region: "eu-west-1",
    kubernetesVersion: "1.34",
    allowExtendedSupport: true,
    azs: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    azCount: 2,
    vpcCidr: "10.20.0.0/16",
    subnetPrefixLength: 20,
    publicSubnetCidrs: ["10.20.0.0/24", "10.20.1.0/24"],
    privateSubnetCidrs: ["10.20.128.0/24", "10.20.129.0/24"],
    subnetMode: "private",
    singleNatGateway: true,
    nodeInstanceTypes: ["m7g.large"],
    nodeAmiType: "AL2023_ARM_64_STANDARD",
    nodeDesiredSize: 2,
    nodeMinSize: 2,
    nodeMaxSize: 4,
    nodeDiskSizeGib: 50,
    imdsHopLimit: 1,
    endpointPublicAccessCidrs: ["52.94.0.0/16"],
    adminPrincipalArns: ["arn:aws:iam::123456789012:role/Admin"],
    loadBalancerSourceRanges: ["203.0.113.0/24"],
    statsSourceRanges: ["203.0.113.7/32"],
    logRetentionDays: 30,
    controlPlaneLogTypes: ["api", "audit"],
    flowLogDestination: "arn:aws:s3:::my-flow-logs",
    flowLogRetentionDays: 14,
    tags: { Owner: "platform" },
    overlay: "staging",
    stateBucket: "tf-state",
    stateKeyPrefix: "team/poc",
    stateRegion: "eu-central-1",
  };
  // Two settings would have no effect beside the others (and be refused): subnetPrefixLength with every subnet explicit,
  // and a flow-log retention with an S3 destination. The second case below writes them.
  const { subnetPrefixLength, flowLogDestination, ...custom } = CUSTOM;
  const expected: Omit<Settings, "tags"> = {
    clusterName: "team-poc",
    region: "eu-west-1",
    kubernetesVersion: "1.34",
    allowExtendedSupport: true,
    azs: ["eu-west-1a", "eu-west-1b"],
    azCount: 2,
    vpcCidr: "10.20.0.0/16",
    subnetPrefixLength: 24,
    publicSubnetCidrs: ["10.20.0.0/24", "10.20.1.0/24"],
    privateSubnetCidrs: ["10.20.128.0/24", "10.20.129.0/24"],
    subnetMode: "private",
    singleNatGateway: true,
    nodeInstanceTypes: ["m7g.large"],
    nodeAmiType: "AL2023_ARM_64_STANDARD",
    nodeDesiredSize: 2,
    nodeMinSize: 2,
    nodeMaxSize: 4,
    nodeDiskSizeGib: 50,
    imdsHopLimit: 1,
    endpointPublicAccessCidrs: ["52.94.0.0/16"],
    adminPrincipalArns: ["arn:aws:iam::123456789012:role/Admin"],
    loadBalancerSourceRanges: ["203.0.113.0/24"],
    statsSourceRanges: ["203.0.113.7/32"],
    logRetentionDays: 30,
    controlPlaneLogTypes: ["api", "audit"],
    flowLogDestination: "cloudwatch",
    flowLogRetentionDays: 14,
    overlay: "staging",
    state: { bucket: "tf-state", keyPrefix: "team/poc", region: "eu-central-1" },
  };

  it("covers every setting of the spec with a value other than its default", () => {
    expect(Object.keys(CUSTOM).sort()).toEqual([...SETTING_NAMES].sort());
    for (const name of SETTING_NAMES) expect([name, CUSTOM[name]]).not.toEqual([name, SETTINGS_SPEC[name].default]);
  });

  it("in cdktf.json: each value is taken, tags replacing the default tags", () => {
    expect(loadSettings(custom, {}, TODAY)).toEqual({ ...expected, tags: { Owner: "platform" } });
  });

  it("in environment variables: the same settings, EKS_POC_TAGS adding to the default tags", () => {
    expect(loadSettings({}, variables(custom), TODAY)).toEqual({
      ...expected,
      tags: { Project: "eks-haproxy-poc", ManagedBy: "cdktf", Owner: "platform" },
    });
  });

  it("with derived subnets and flow logs to S3: subnetPrefixLength sizes the subnets, from either source", () => {
    const derived = { subnetPrefixLength, flowLogDestination, subnetMode: "private", vpcCidr: "10.20.0.0/16", azCount: 2 };
    const fromContext = loadSettings(derived, {}, TODAY);
    expect(fromContext).toMatchObject({
      subnetPrefixLength: 20,
      flowLogDestination: "arn:aws:s3:::my-flow-logs",
      publicSubnetCidrs: ["10.20.0.0/20", "10.20.16.0/20"],
      privateSubnetCidrs: ["10.20.128.0/20", "10.20.144.0/20"],
    });
    expect(loadSettings({}, variables(derived), TODAY)).toEqual(fromContext);
  });
});

describe("precedence: EKS_POC_ variable, then the context (cdktf.json), then the spec's default", () => {
  it.each(SETTING_NAMES)("%s", (name) => {
    const variable = envName(name);
    expect(readRawSettings({}, {})[name]).toEqual({ name, value: SETTINGS_SPEC[name].default, source: "default", origin: "default" });
    expect(readRawSettings({ [name]: "from-context" }, {})[name]).toMatchObject({ value: "from-context", origin: "context" });
    expect(readRawSettings({ [name]: "from-context" }, { [variable]: "from-env" })[name]).toEqual({
      name,
      value: "from-env",
      source: variable,
      origin: "environment",
    });
  });
});

describe("azs and azCount both written: the same answer whichever source wrote each", () => {
  const FOUR = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];
  const network = (s: Settings) => ({ azs: s.azs, azCount: s.azCount, publicSubnetCidrs: s.publicSubnetCidrs });
  const threeOfFour = { azs: FOUR.slice(0, 3), azCount: 3, publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"] };

  it("azCount 3 with four azs: the first three, from cdktf.json as from the environment (the old guess gave four from cdktf.json)", () => {
    expect(network(loadSettings({ azCount: 3, azs: FOUR }, {}, TODAY))).toEqual(threeOfFour);
    expect(network(settingsFrom({ EKS_POC_AZ_COUNT: "3", EKS_POC_AZS: FOUR.join(",") }))).toEqual(threeOfFour);
    expect(network(loadSettings({ azs: FOUR }, { EKS_POC_AZ_COUNT: "3" }, TODAY))).toEqual(threeOfFour);
    expect(network(loadSettings({ azCount: 3 }, { EKS_POC_AZS: FOUR.join(",") }, TODAY))).toEqual(threeOfFour);
  });

  it("azs alone: its length is the count", () => {
    expect(loadSettings({ azs: FOUR }, {}, TODAY).azCount).toBe(4);
    expect(settingsFrom({ EKS_POC_AZS: FOUR.join(",") }).azCount).toBe(4);
  });

  it("azCount above the list's length: refused, naming where azCount was written", () => {
    expect(problemsOf(() => loadSettings({ azCount: 3, azs: FOUR.slice(0, 2) }, {}, TODAY))).toEqual([
      "azCount = 3 (from cdktf.json context): asks for more AZs than azs lists (2: us-east-1a, us-east-1b)",
    ]);
    expect(problemsFrom({ EKS_POC_AZ_COUNT: "3", EKS_POC_AZS: FOUR.slice(0, 2).join(",") })).toEqual([
      'azCount = "3" (from EKS_POC_AZ_COUNT): asks for more AZs than azs lists (2: us-east-1a, us-east-1b)',
    ]);
  });
});

describe("each setting's own rules refuse with one line: setting, value, source, allowed", () => {
  const cases: Array<[SettingName, string, string]> = [
    ["clusterName", "my.cluster", "allowed: 1 to 100 characters, a letter or digit first, then letters, digits, - and _"],
    ["region", "mars-1", `allowed: ${REGION_NAMES}; terraform plan checks that the region exists`],
    ["subnetMode", "hybrid", "allowed: public, private"],
    [
      "nodeAmiType",
      "AL2_x86_64",
      "allowed: AL2023_x86_64_STANDARD, AL2023_ARM_64_STANDARD, AL2023_x86_64_NVIDIA, AL2023_x86_64_NEURON, " +
        "BOTTLEROCKET_x86_64, BOTTLEROCKET_ARM_64 (the AMI types whose volumes the launch template maps)",
    ],
    ["nodeInstanceTypes", "medium", "medium is not an EC2 instance type such as t3.medium"],
    ["nodeDiskSizeGib", "19", "allowed: 20 to 16384 GiB"],
    ["imdsHopLimit", "65", "allowed: 1 to 64 (2 lets pods reach the metadata service, 1 blocks them)"],
    ["endpointPublicAccessCidrs", "52.94.0.0", "52.94.0.0 is not an IPv4 CIDR such as 0.0.0.0/0"],
    ["adminPrincipalArns", "alice", "alice: allowed: IAM role or user ARNs such as arn:aws:iam::123456789012:role/Admin"],
    ["loadBalancerSourceRanges", "203.0.113.0/24,203.0.113.0/24", "203.0.113.0/24 is listed twice; allowed: each CIDR once"],
    ["statsSourceRanges", "203.0.113.7", "203.0.113.7 is not an IPv4 CIDR such as 10.0.0.0/16"],
    [
      "logRetentionDays",
      "8",
      "allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    ],
    [
      "controlPlaneLogTypes",
      "api,kube",
      "kube is not a control-plane log type; allowed: any of api, audit, authenticator, controllerManager, scheduler",
    ],
    [
      "flowLogDestination",
      "s3",
      "allowed: cloudwatch, none, or an S3 bucket ARN such as arn:aws:s3:::my-flow-logs or arn:aws:s3:::my-logs/vpc",
    ],
    [
      "flowLogRetentionDays",
      "8",
      "allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or empty for logRetentionDays",
    ],
    ["overlay", "../poc", "allowed: the name of a folder in kustomize/overlays, such as poc"],
    [
      "stateBucket",
      "ab",
      "has 2 characters; allowed: an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens), or empty for local state",
    ],
    [
      "stateKeyPrefix",
      "teams//eks",
      'makes the state key "teams//eks/<stack>.tfstate", which Terraform\'s S3 backend refuses (a key may not start with /, end with / or hold //); ' +
        "allowed: a prefix that neither starts nor ends with / and has no //, such as eks-haproxy-poc or teams/eks",
    ],
    ["stateRegion", "Frankfurt", `allowed: ${REGION_NAMES}, or empty for the cluster's region`],
  ];

  it("has a case for every setting with rules", () => {
    const ruled = SETTING_NAMES.filter((name) => (SETTINGS_SPEC[name].rules ?? []).length > 0);
    expect(ruled.filter((name) => !cases.some(([n]) => n === name))).toEqual([]);
  });

  it.each(cases)("%s = %j", (name, value, allowed) => {
    const env = {
      [envName(name)]: value,
      ...(name === "stateRegion" || name === "stateKeyPrefix" ? { EKS_POC_STATE_BUCKET: "tf-state" } : {}),
    };
    expect(problemsFrom(env)).toEqual([`${name} = ${JSON.stringify(value)} (from ${envName(name)}): ${allowed}`]);
  });

  it("name cdktf.json when the value was written there", () => {
    expect(problemsOf(() => loadSettings({ imdsHopLimit: 0 }, {}, TODAY))).toEqual([
      "imdsHopLimit = 0 (from cdktf.json context): allowed: 1 to 64 (2 lets pods reach the metadata service, 1 blocks them)",
    ]);
  });
});

describe("rules of several settings", () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    [
      "node sizes",
      { EKS_POC_NODE_DESIRED_SIZE: "3" },
      'nodeDesiredSize = "3" (from EKS_POC_NODE_DESIRED_SIZE): is above nodeMaxSize (2); allowed: nodeMinSize <= nodeDesiredSize <= nodeMaxSize',
    ],
    [
      "instance architecture",
      { EKS_POC_NODE_INSTANCE_TYPES: "m7g.large" },
      'nodeInstanceTypes = "m7g.large" (from EKS_POC_NODE_INSTANCE_TYPES): m7g.large is arm64',
    ],
    [
      "subnet settings without effect",
      { EKS_POC_SINGLE_NAT_GATEWAY: "true" },
      'singleNatGateway = "true" (from EKS_POC_SINGLE_NAT_GATEWAY): has no effect with subnetMode public',
    ],
    [
      "state settings without a bucket",
      { EKS_POC_STATE_KEY_PREFIX: "team/poc" },
      'stateKeyPrefix = "team/poc" (from EKS_POC_STATE_KEY_PREFIX): has no effect without stateBucket',
    ],
    [
      "Kubernetes version and extended support",
      { EKS_POC_KUBERNETES_VERSION: "1.31" },
      'kubernetesVersion = "1.31" (from EKS_POC_KUBERNETES_VERSION): is in EKS extended support',
    ],
    [
      "derived names, the last node group's from the AZ count",
      { EKS_POC_CLUSTER_NAME: "c".repeat(60), EKS_POC_AZ_COUNT: "6" },
      `clusterName = "${"c".repeat(60)}" (from EKS_POC_CLUSTER_NAME): makes the node group name "${"c".repeat(60)}-az5" 64 characters`,
    ],
    [
      "stats ranges beside the load balancer's",
      {
        EKS_POC_LOAD_BALANCER_SOURCE_RANGES: Array.from({ length: 15 }, (_, i) => `203.0.113.${i}/32`).join(","),
        EKS_POC_STATS_SOURCE_RANGES: "198.51.100.1/32,198.51.100.2/32",
      },
      'statsSourceRanges = "198.51.100.1/32,198.51.100.2/32" (from EKS_POC_STATS_SOURCE_RANGES): lists 2 CIDRs; allowed: at most 1 beside 15',
    ],
    [
      "ARNs in the region's partition",
      { EKS_POC_REGION: "cn-north-1", EKS_POC_ADMIN_PRINCIPAL_ARNS: "arn:aws:iam::123456789012:role/Admin" },
      'adminPrincipalArns = "arn:aws:iam::123456789012:role/Admin" (from EKS_POC_ADMIN_PRINCIPAL_ARNS): arn:aws:iam::123456789012:role/Admin is not in aws-cn',
    ],
    [
      "flow-log retention and destination",
      { EKS_POC_FLOW_LOG_RETENTION_DAYS: "14", EKS_POC_FLOW_LOG_DESTINATION: "none" },
      'flowLogRetentionDays = "14" (from EKS_POC_FLOW_LOG_RETENTION_DAYS): applies to flowLogDestination cloudwatch only, not none',
    ],
  ];

  it("each has a case here", () => {
    expect(CROSS_SETTING_RULES).toHaveLength(cases.length);
  });

  it.each(cases)("%s", (_, env, start) => {
    const problems = problemsFrom(env);
    expect(problems.filter((line) => line.startsWith(start))).toHaveLength(1);
  });
});

describe("doc lines: the limits they state come from the rules' constants", () => {
  // Rendered in beforeAll, not in the test: the fresh copies of config/ loaded here would otherwise count as run by this
  // test, and a mutation run would then test each module-level constant of config/ against this test alone.
  let rows: string[] = [];
  beforeAll(async () => {
    await jest.isolateModulesAsync(async () => {
      jest.doMock("../../config/rules/network", () => ({
        ...jest.requireActual<typeof network>("../../config/rules/network"),
        AZ_COUNT_RANGE: { min: 3, max: 5 },
        VPC_PREFIX_RANGE: { min: 17, max: 27 },
      }));
      jest.doMock("../../config/rules/workloads-and-tags", () => ({
        ...jest.requireActual<typeof workloadsAndTags>("../../config/rules/workloads-and-tags"),
        MAX_TAGS: 40,
      }));
      const { renderSettingsTable } = await import("../../config/settings-table");
      rows = renderSettingsTable().split("\n");
    });
  });

  it("a changed limit changes the README's rows", () => {
    const row = (name: string): string => rows.find((line) => line.startsWith(`| \`${name}\` `)) ?? "";
    expect(row("azCount")).toContain("AZs (3 to 5)");
    expect(row("azs")).toContain("3 to 5 of them");
    expect(row("vpcCidr")).toContain("/17 to /27");
    expect(row("publicSubnetCidrs")).toContain("/27 or larger");
    expect(row("tags")).toContain("At most 40,");
  });
});
