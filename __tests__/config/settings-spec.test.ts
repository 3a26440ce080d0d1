import type { Reason } from "../../config/problems";
import { loadSettings } from "../../config/load-settings";
import type { Settings, SettingName } from "../../config/settings-spec";
import { CROSS_SETTING_RULES, SETTINGS_SPEC, SETTING_NAMES } from "../../config/settings-spec";
import { envName, readRawSettings } from "../../config/sources";
import { TODAY, refused, refusalsFrom, refusalsOf, settingsFrom } from "../helpers/settings";
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
    const fewer = "(2: us-east-1a, us-east-1b)";
    expect(refusalsOf({ azCount: 3, azs: FOUR.slice(0, 2) })).toEqual([refused("azCount", "cdktf.json context", "conflict", fewer)]);
    expect(refusalsFrom({ EKS_POC_AZ_COUNT: "3", EKS_POC_AZS: FOUR.slice(0, 2).join(",") })).toEqual([
      refused("azCount", "EKS_POC_AZ_COUNT", "conflict", fewer),
    ]);
  });
});

describe("each setting's own rules refuse with one line: setting, value, source, allowed", () => {
  // The words of each: problems.test.ts, once per reason; the value at fault where the message names it.
  const cases: Array<[SettingName, string, Reason, string | undefined]> = [
    ["clusterName", "my.cluster", "format", undefined],
    ["region", "mars-1", "format", undefined],
    ["subnetMode", "hybrid", "choice", undefined],
    ["nodeAmiType", "AL2_x86_64", "choice", undefined],
    ["nodeInstanceTypes", "medium", "format", "medium is"],
    ["nodeDiskSizeGib", "19", "range", "20 to 16384"],
    ["imdsHopLimit", "65", "range", "1 to 64"],
    ["endpointPublicAccessCidrs", "52.94.0.0", "format", "52.94.0.0 is"],
    ["adminPrincipalArns", "alice", "format", "alice:"],
    ["loadBalancerSourceRanges", "203.0.113.0/24,203.0.113.0/24", "repeated", "203.0.113.0/24 is"],
    ["statsSourceRanges", "203.0.113.7", "format", "203.0.113.7 is"],
    ["logRetentionDays", "8", "choice", undefined],
    ["controlPlaneLogTypes", "api,kube", "choice", "kube is"],
    ["flowLogDestination", "s3", "format", undefined],
    ["flowLogRetentionDays", "8", "choice", undefined],
    ["overlay", "../poc", "format", undefined],
    ["stateBucket", "ab", "range", "has 2 characters"],
    ["stateKeyPrefix", "teams//eks", "format", '"teams//eks/<stack>.tfstate"'],
    ["stateRegion", "Frankfurt", "format", undefined],
  ];

  it("has a case for every setting with rules", () => {
    const ruled = SETTING_NAMES.filter((name) => (SETTINGS_SPEC[name].rules ?? []).length > 0);
    expect(ruled.filter((name) => !cases.some(([n]) => n === name))).toEqual([]);
  });

  it.each(cases)("%s = %j", (name, value, reason, salient) => {
    const env = {
      [envName(name)]: value,
      ...(name === "stateRegion" || name === "stateKeyPrefix" ? { EKS_POC_STATE_BUCKET: "tf-state" } : {}),
    };
    expect(refusalsFrom(env)).toEqual([refused(name, envName(name), reason, salient)]);
  });

  it("name cdktf.json when the value was written there", () => {
    expect(refusalsOf({ imdsHopLimit: 0 })).toEqual([refused("imdsHopLimit", "cdktf.json context", "range", "1 to 64")]);
  });
});

describe("rules of several settings", () => {
  const cases: Array<[string, Record<string, string>, SettingName, Reason, string]> = [
    ["node sizes", { EKS_POC_NODE_DESIRED_SIZE: "3" }, "nodeDesiredSize", "conflict", "above nodeMaxSize (2)"],
    ["instance architecture", { EKS_POC_NODE_INSTANCE_TYPES: "m7g.large" }, "nodeInstanceTypes", "conflict", "m7g.large is arm64"],
    ["subnet settings without effect", { EKS_POC_SINGLE_NAT_GATEWAY: "true" }, "singleNatGateway", "no-effect", "subnetMode public"],
    ["state settings without a bucket", { EKS_POC_STATE_KEY_PREFIX: "team/poc" }, "stateKeyPrefix", "no-effect", "stateBucket"],
    [
      "Kubernetes version and extended support",
      { EKS_POC_KUBERNETES_VERSION: "1.31" },
      "kubernetesVersion",
      "unavailable",
      "extended support",
    ],
    [
      "derived names, the last node group's from the AZ count",
      { EKS_POC_CLUSTER_NAME: "c".repeat(60), EKS_POC_AZ_COUNT: "6" },
      "clusterName",
      "range",
      `"${"c".repeat(60)}-az5" 64 characters`,
    ],
    [
      "stats ranges beside the load balancer's",
      {
        EKS_POC_LOAD_BALANCER_SOURCE_RANGES: Array.from({ length: 15 }, (_, i) => `203.0.113.${i}/32`).join(","),
        EKS_POC_STATS_SOURCE_RANGES: "198.51.100.1/32,198.51.100.2/32",
      },
      "statsSourceRanges",
      "range",
      "at most 1 beside 15",
    ],
    [
      "ARNs in the region's partition",
      { EKS_POC_REGION: "cn-north-1", EKS_POC_ADMIN_PRINCIPAL_ARNS: "arn:aws:iam::123456789012:role/Admin" },
      "adminPrincipalArns",
      "conflict",
      "arn:aws:iam::123456789012:role/Admin is not in aws-cn",
    ],
    [
      "flow-log retention and destination",
      { EKS_POC_FLOW_LOG_RETENTION_DAYS: "14", EKS_POC_FLOW_LOG_DESTINATION: "none" },
      "flowLogRetentionDays",
      "no-effect",
      "not none",
    ],
  ];

  it("each has a case here", () => {
    expect(CROSS_SETTING_RULES).toHaveLength(cases.length);
  });

  it.each(cases)("%s", (_, env, setting, reason, salient) => {
    // One problem of the rule's; others may name the same setting (a long clusterName makes several names too long).
    const problems = refusalsFrom(env).filter((problem) => problem.setting === setting && problem.detail.includes(salient));
    expect(problems).toEqual([refused(setting, envName(setting), reason, salient)]);
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
