import { loadSettings, readOverlay } from "../../config/load-settings";
import { ConfigError } from "../../config/problems";
import type { Problem } from "../../config/problems";
import { envName } from "../../config/sources";
import { EXPLICIT_AZS, TODAY, settingsFrom, meaningOf, refusal, refused, refusalsFrom, refusalsOf } from "../helpers/settings";

describe("defaults", () => {
  // The spec's defaults, one by one: settings-spec.test.ts.
  it("derive one public /24 per AZ and no private subnet", () => {
    const settings = settingsFrom();
    expect(settings.publicSubnetCidrs).toEqual(["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]);
    expect(settings.privateSubnetCidrs).toEqual([]);
  });
});

describe("overrides", () => {
  it("names each environment variable after its setting", () => {
    expect(envName("azCount")).toBe("EKS_POC_AZ_COUNT");
    expect(envName("endpointPublicAccessCidrs")).toBe("EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS");
  });

  it("prefer the environment to the context, and the context to the default", () => {
    const settings = loadSettings({ clusterName: "from-context", azCount: 2 }, { EKS_POC_CLUSTER_NAME: "from-env" }, TODAY);
    expect(settings.clusterName).toBe("from-env");
    expect(settings.azCount).toBe(2);
  });

  it("honour AWS_REGION below EKS_POC_REGION", () => {
    expect(settingsFrom({ AWS_REGION: "eu-west-1" }).region).toBe("eu-west-1");
    expect(settingsFrom({ AWS_REGION: "eu-west-1", EKS_POC_REGION: "us-west-2" }).region).toBe("us-west-2");
  });

  it("parse lists, numbers, booleans and maps from strings", () => {
    const settings = settingsFrom({
      EKS_POC_NODE_INSTANCE_TYPES: "t3.large, m6i.large",
      EKS_POC_NODE_MAX_SIZE: "4",
      EKS_POC_SUBNET_MODE: "private",
      EKS_POC_SINGLE_NAT_GATEWAY: "true",
      EKS_POC_TAGS: "Owner=platform,CostCenter=42",
    });
    expect(settings.nodeInstanceTypes).toEqual(["t3.large", "m6i.large"]);
    expect(settings.nodeMaxSize).toBe(4);
    expect(settings.singleNatGateway).toBe(true);
    expect(settings.tags).toEqual({ Project: "eks-haproxy-poc", ManagedBy: "cdktf", Owner: "platform", CostCenter: "42" });
  });

  it("refuse in cdktf.json the strings they read from variables: JSON has a type for each", () => {
    const written = { nodeMaxSize: "4", allowExtendedSupport: "true", nodeInstanceTypes: "t3.large", tags: "Owner=platform" };
    const meanings = meaningOf(refusalsOf(written));
    expect(meanings).toHaveLength(4);
    expect(meanings).toEqual(expect.arrayContaining(Object.keys(written).map((name) => refusal(name, "cdktf.json context", "type"))));
    expect(
      refusalsOf({ nodeMaxSize: 4, allowExtendedSupport: true, nodeInstanceTypes: ["t3.large"], tags: { Owner: "platform" } }),
    ).toEqual([]);
  });

  it("take the AZ count from an explicit AZ list", () => {
    const settings = settingsFrom({ EKS_POC_AZS: "us-east-1a,us-east-1c" });
    expect(settings.azs).toEqual(["us-east-1a", "us-east-1c"]);
    expect(settings.azCount).toBe(2);
  });

  it("use the first azCount AZs of a longer list", () => {
    expect(settingsFrom({ ...EXPLICIT_AZS, EKS_POC_AZ_COUNT: "2" }).azs).toEqual(["us-east-1a", "us-east-1b"]);
  });

  it("place private subnets half-way through the VPC in private mode", () => {
    const settings = settingsFrom({ EKS_POC_SUBNET_MODE: "private" });
    expect(settings.privateSubnetCidrs).toEqual(["10.0.128.0/24", "10.0.129.0/24", "10.0.130.0/24"]);
  });

  it("accept explicit subnet lists", () => {
    const settings = settingsFrom({ EKS_POC_AZ_COUNT: "2", EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.64.0/20,10.0.80.0/20" });
    expect(settings.publicSubnetCidrs).toEqual(["10.0.64.0/20", "10.0.80.0/20"]);
  });

  it("default the state bucket's region to the cluster's", () => {
    expect(settingsFrom({ EKS_POC_REGION: "eu-central-1", EKS_POC_STATE_BUCKET: "tf-state" }).state).toEqual({
      bucket: "tf-state",
      keyPrefix: "eks-haproxy-poc",
      region: "eu-central-1",
    });
  });
});

describe("refusals name the setting, its source and why", () => {
  // What each refusal means: which setting, from where, and why; the words of each reason are checked once (problems.test.ts).
  const cases: Array<[string, Record<string, string>, ReturnType<typeof refusal>]> = [
    ["a malformed VPC CIDR", { EKS_POC_VPC_CIDR: "10.0.0/16" }, refusal("vpcCidr", "EKS_POC_VPC_CIDR", "format")],
    ["a VPC CIDR with host bits", { EKS_POC_VPC_CIDR: "10.0.0.1/16" }, refusal("vpcCidr", "EKS_POC_VPC_CIDR", "format")],
    ["a VPC larger than AWS allows", { EKS_POC_VPC_CIDR: "10.0.0.0/8" }, refusal("vpcCidr", "EKS_POC_VPC_CIDR", "range")],
    [
      "overlapping subnets",
      { EKS_POC_AZ_COUNT: "2", EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.0.0/23,10.0.1.0/24" },
      refusal("publicSubnetCidrs", "EKS_POC_PUBLIC_SUBNET_CIDRS", "conflict"),
    ],
    [
      "a private subnet overlapping a public one",
      { EKS_POC_SUBNET_MODE: "private", EKS_POC_AZ_COUNT: "2", EKS_POC_PRIVATE_SUBNET_CIDRS: "10.0.1.0/24,10.0.200.0/24" },
      refusal("privateSubnetCidrs", "EKS_POC_PRIVATE_SUBNET_CIDRS", "conflict"),
    ],
    [
      "a subnet outside the VPC",
      { EKS_POC_AZ_COUNT: "2", EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.0.0/24,10.1.0.0/24" },
      refusal("publicSubnetCidrs", "EKS_POC_PUBLIC_SUBNET_CIDRS", "conflict"),
    ],
    [
      "derived subnets that do not fit",
      { EKS_POC_VPC_CIDR: "10.0.0.0/24", EKS_POC_SUBNET_PREFIX_LENGTH: "25", EKS_POC_SUBNET_MODE: "private" },
      refusal("subnetPrefixLength", "EKS_POC_SUBNET_PREFIX_LENGTH", "range"),
    ],
    [
      "derived subnets that fit at no prefix, without an impossible prefix",
      { EKS_POC_VPC_CIDR: "10.0.0.0/27", EKS_POC_SUBNET_PREFIX_LENGTH: "28", EKS_POC_SUBNET_MODE: "private" },
      refusal("subnetPrefixLength", "EKS_POC_SUBNET_PREFIX_LENGTH", "range"),
    ],
    [
      "a default prefix no prefix could replace, without an impossible range",
      { EKS_POC_VPC_CIDR: "10.0.0.0/26", EKS_POC_SUBNET_MODE: "private" },
      refusal("subnetPrefixLength", "default", "range"),
    ],
    ["a prefix that only /28 can replace", { EKS_POC_VPC_CIDR: "10.0.0.0/26" }, refusal("subnetPrefixLength", "default", "range")],
    [
      "a subnet prefix shorter than the VPC's",
      { EKS_POC_SUBNET_PREFIX_LENGTH: "12" },
      refusal("subnetPrefixLength", "EKS_POC_SUBNET_PREFIX_LENGTH", "range"),
    ],
    [
      "the wrong number of explicit subnets",
      { EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.0.0/24" },
      refusal("publicSubnetCidrs", "EKS_POC_PUBLIC_SUBNET_CIDRS", "range"),
    ],
    ["an AZ count below the range", { EKS_POC_AZ_COUNT: "1" }, refusal("azCount", "EKS_POC_AZ_COUNT", "range")],
    ["an AZ count above the range", { EKS_POC_AZ_COUNT: "7" }, refusal("azCount", "EKS_POC_AZ_COUNT", "range")],
    [
      "more AZs than given",
      { EKS_POC_AZS: "us-east-1a,us-east-1b", EKS_POC_AZ_COUNT: "3" },
      refusal("azCount", "EKS_POC_AZ_COUNT", "conflict"),
    ],
    ["an AZ of another region", { EKS_POC_AZS: "us-east-1a,eu-west-1b" }, refusal("azs", "EKS_POC_AZS", "conflict")],
    ["AZs of another region, each named", { EKS_POC_AZS: "eu-west-1a,us-east-1a,eu-west-1b" }, refusal("azs", "EKS_POC_AZS", "conflict")],
    ["a single AZ", { EKS_POC_AZS: "us-east-1a" }, refusal("azs", "EKS_POC_AZS", "range")],
    [
      "seven AZs",
      { EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c,us-east-1d,us-east-1e,us-east-1f,us-east-1g" },
      refusal("azs", "EKS_POC_AZS", "range"),
    ],
    ["an AZ listed twice", { EKS_POC_AZS: "us-east-1a,us-east-1a" }, refusal("azs", "EKS_POC_AZS", "repeated")],
    [
      "a cluster name with a bad character",
      { EKS_POC_CLUSTER_NAME: "my.cluster" },
      refusal("clusterName", "EKS_POC_CLUSTER_NAME", "format"),
    ],
    [
      "a cluster name that is too long",
      { EKS_POC_CLUSTER_NAME: "c".repeat(101) },
      refusal("clusterName", "EKS_POC_CLUSTER_NAME", "format"),
    ],
    [
      "a malformed Kubernetes version",
      { EKS_POC_KUBERNETES_VERSION: "v1.35.2" },
      refusal("kubernetesVersion", "EKS_POC_KUBERNETES_VERSION", "format"),
    ],
    [
      "an unknown Kubernetes version",
      { EKS_POC_KUBERNETES_VERSION: "1.22" },
      refusal("kubernetesVersion", "EKS_POC_KUBERNETES_VERSION", "unavailable"),
    ],
    [
      "a version past the end of extended support",
      { EKS_POC_KUBERNETES_VERSION: "1.30" },
      refusal("kubernetesVersion", "EKS_POC_KUBERNETES_VERSION", "unavailable"),
    ],
    [
      "a version in extended support without the opt-in",
      { EKS_POC_KUBERNETES_VERSION: "1.31" },
      refusal("kubernetesVersion", "EKS_POC_KUBERNETES_VERSION", "unavailable"),
    ],
    [
      "a cluster name whose IAM role names pass 64 characters",
      { EKS_POC_CLUSTER_NAME: "c".repeat(57) },
      refusal("clusterName", "EKS_POC_CLUSTER_NAME", "range"),
    ],
    [
      "a cluster name whose flow-log role name passes 64 characters",
      { EKS_POC_CLUSTER_NAME: "c".repeat(51) },
      refusal("clusterName", "EKS_POC_CLUSTER_NAME", "range"),
    ],
    [
      "a cluster name whose node group names pass 63 characters",
      { EKS_POC_CLUSTER_NAME: "c".repeat(60) },
      refusal("clusterName", "EKS_POC_CLUSTER_NAME", "range"),
    ],
    ["min above desired", { EKS_POC_NODE_MIN_SIZE: "2" }, refusal("nodeMinSize", "EKS_POC_NODE_MIN_SIZE", "conflict")],
    ["desired above max", { EKS_POC_NODE_DESIRED_SIZE: "3" }, refusal("nodeDesiredSize", "EKS_POC_NODE_DESIRED_SIZE", "conflict")],
    ["node groups that may shrink to zero", { EKS_POC_NODE_MIN_SIZE: "0" }, refusal("nodeMinSize", "EKS_POC_NODE_MIN_SIZE", "range")],
    ["node groups that start empty", { EKS_POC_NODE_DESIRED_SIZE: "0" }, refusal("nodeDesiredSize", "EKS_POC_NODE_DESIRED_SIZE", "range")],
    [
      "a VPC too small for subnets, without an impossible subnet prefix",
      { EKS_POC_VPC_CIDR: "10.0.0.0/29" },
      refusal("vpcCidr", "EKS_POC_VPC_CIDR", "range"),
    ],
    [
      "an empty instance type list",
      { EKS_POC_NODE_INSTANCE_TYPES: " , " },
      refusal("nodeInstanceTypes", "EKS_POC_NODE_INSTANCE_TYPES", "empty"),
    ],
    ["an unknown subnet mode", { EKS_POC_SUBNET_MODE: "hybrid" }, refusal("subnetMode", "EKS_POC_SUBNET_MODE", "choice")],
    ["a number that is not one", { EKS_POC_NODE_MAX_SIZE: "two" }, refusal("nodeMaxSize", "EKS_POC_NODE_MAX_SIZE", "type")],
    ["an unknown AMI type", { EKS_POC_NODE_AMI_TYPE: "AL2_x86_64" }, refusal("nodeAmiType", "EKS_POC_NODE_AMI_TYPE", "choice")],
    [
      "a Windows AMI type, whose volumes are not mapped",
      { EKS_POC_NODE_AMI_TYPE: "WINDOWS_CORE_2022_x86_64" },
      refusal("nodeAmiType", "EKS_POC_NODE_AMI_TYPE", "choice"),
    ],
    ["a hop limit out of range", { EKS_POC_IMDS_HOP_LIMIT: "0" }, refusal("imdsHopLimit", "EKS_POC_IMDS_HOP_LIMIT", "range")],
    [
      "a bad endpoint allowlist entry",
      { EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS: "203.0.113.7" },
      refusal("endpointPublicAccessCidrs", "EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS", "format"),
    ],
    ["a malformed tag list", { EKS_POC_TAGS: "Owner" }, refusal("tags", "EKS_POC_TAGS", "type")],
  ];

  it.each(cases)("refuses %s", (_, env, meaning) => {
    expect(meaningOf(refusalsFrom(env))).toContainEqual(meaning);
  });

  it('judges no subnet against a VPC it refused (no "allowed: 29 to 28")', () => {
    expect(meaningOf(refusalsFrom({ EKS_POC_VPC_CIDR: "10.0.0.0/29" }))).toEqual([refusal("vpcCidr", "EKS_POC_VPC_CIDR", "range")]);
  });

  it("judges no subnet size when the prefix length is not a whole number", () => {
    expect(meaningOf(refusalsFrom({ EKS_POC_SUBNET_PREFIX_LENGTH: "24.5" }))).toEqual([
      refusal("subnetPrefixLength", "EKS_POC_SUBNET_PREFIX_LENGTH", "type"),
    ]);
  });

  it("reports every problem at once, one line each", () => {
    const problems = refusalsFrom({ EKS_POC_SUBNET_MODE: "hybrid", EKS_POC_KUBERNETES_VERSION: "1.22", EKS_POC_NODE_MIN_SIZE: "5" });
    expect(problems.map((problem) => problem.setting)).toEqual(["subnetMode", "nodeMinSize", "kubernetesVersion"]);
    expect(new ConfigError(problems).message.split("\n")).toHaveLength(4);
  });

  it("names cdktf.json when the bad value comes from there", () => {
    expect(refusalsOf({ azCount: 9 })).toEqual([
      expect.objectContaining({ ...refusal("azCount", "cdktf.json context", "range"), value: 9 }),
    ]);
  });
});

describe("Kubernetes versions on the day of synth", () => {
  const extended = { EKS_POC_KUBERNETES_VERSION: "1.31", EKS_POC_ALLOW_EXTENDED_SUPPORT: "true" };

  it("accept a version in extended support when allowExtendedSupport accepts its price", () => {
    expect(settingsFrom(extended)).toMatchObject({ kubernetesVersion: "1.31", allowExtendedSupport: true });
  });

  it("refuse it, opt-in or not, from the day after its extended support ends", () => {
    expect(settingsFrom(extended, new Date("2026-11-26T00:00:00Z")).kubernetesVersion).toBe("1.31");
    const [problem, ...others] = refusalsFrom(extended, new Date("2026-11-27T00:00:00Z"));
    expect(others).toEqual([]);
    expect(problem).toEqual(refused("kubernetesVersion", "EKS_POC_KUBERNETES_VERSION", "unavailable", "ended on 2026-11-26"));
    expect(problem.detail).toContain("allowed on 2026-11-27: 1.32,");
  });

  // The one sentence of this warning (a note: problems.test.ts has another note's).
  it("accept a version newer than the calendar with a warning: the plan asks EKS", () => {
    const warnings: string[] = [];
    expect(loadSettings({}, { EKS_POC_KUBERNETES_VERSION: "1.37" }, TODAY, (line) => warnings.push(line)).kubernetesVersion).toBe("1.37");
    expect(warnings).toEqual([
      'kubernetesVersion = "1.37" (from EKS_POC_KUBERNETES_VERSION): is newer than config/aws/eks-versions.ts knows (1.36): the plan asks EKS whether it offers it (DescribeClusterVersions)',
    ]);
  });

  it("need no opt-in while a version is in standard support, and refuse one EKS has not released yet", () => {
    expect(settingsFrom({ EKS_POC_KUBERNETES_VERSION: "1.34" }).allowExtendedSupport).toBe(false);
    expect(settingsFrom({ EKS_POC_KUBERNETES_VERSION: "1.34" }, new Date("2026-12-02T00:00:00Z")).kubernetesVersion).toBe("1.34");
    expect(refusalsFrom({ EKS_POC_KUBERNETES_VERSION: "1.34" }, new Date("2026-12-03T00:00:00Z"))).toEqual([
      refused("kubernetesVersion", "EKS_POC_KUBERNETES_VERSION", "unavailable", "extended support"),
    ]);
    expect(refusalsFrom({ EKS_POC_KUBERNETES_VERSION: "1.36" }, new Date("2026-05-01T00:00:00Z"))).toEqual([
      refused("kubernetesVersion", "EKS_POC_KUBERNETES_VERSION", "unavailable", "2026-06-02"),
    ]);
  });
});

describe("each rule at its edges: the setting, source and reason of each refusal, and only those", () => {
  const problemsOf = (context: Record<string, unknown>, env: Record<string, string> = {}) => meaningOf(refusalsOf(context, env));
  const cases: Array<[string, Record<string, unknown>, Record<string, string>, Array<ReturnType<typeof refusal>>]> = [
    ["a fractional number from cdktf.json", { azCount: 2.5 }, {}, [refusal("azCount", "cdktf.json context", "type")]],
    ["a number where a choice goes, once", { subnetMode: 5 }, {}, [refusal("subnetMode", "cdktf.json context", "type")]],
    ["tags with a number value", { tags: { a: 1 } }, {}, [refusal("tags", "cdktf.json context", "type")]],
    ["tags with one number value among strings", { tags: { a: "x", b: 2 } }, {}, [refusal("tags", "cdktf.json context", "type")]],
    ["tags of null", { tags: null }, {}, [refusal("tags", "cdktf.json context", "type")]],
    ["tags as a list", { tags: ["a=b"] }, {}, [refusal("tags", "cdktf.json context", "type")]],
    [
      "a node size that is not a number, judged once",
      {},
      { EKS_POC_NODE_MIN_SIZE: "x" },
      [refusal("nodeMinSize", "EKS_POC_NODE_MIN_SIZE", "type")],
    ],
    [
      "an AMI type it does not know, judged once",
      {},
      { EKS_POC_NODE_AMI_TYPE: "BOGUS" },
      [refusal("nodeAmiType", "EKS_POC_NODE_AMI_TYPE", "choice")],
    ],
    ["an AZ count that is not a number, judged once", {}, { EKS_POC_AZ_COUNT: "x" }, [refusal("azCount", "EKS_POC_AZ_COUNT", "type")]],
    ["a VPC that is not a CIDR, judged once", {}, { EKS_POC_VPC_CIDR: "x" }, [refusal("vpcCidr", "EKS_POC_VPC_CIDR", "format")]],
    [
      "a /28 VPC: a VPC AWS allows, too small for the subnets",
      {},
      { EKS_POC_VPC_CIDR: "10.0.0.0/28" },
      [refusal("subnetPrefixLength", "default", "range")],
    ],
    [
      "seven AZs listed: the list refused, not also the count it implies",
      {},
      { EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c,us-east-1d,us-east-1e,us-east-1f,us-east-1g" },
      [refusal("azs", "EKS_POC_AZS", "range")],
    ],
    [
      "a subnet prefix equal to the VPC's",
      {},
      { EKS_POC_VPC_CIDR: "10.0.0.0/24", EKS_POC_SUBNET_PREFIX_LENGTH: "24" },
      [refusal("subnetPrefixLength", "EKS_POC_SUBNET_PREFIX_LENGTH", "range")],
    ],
    [
      "an explicit private subnet outside the VPC, named as written",
      {},
      { EKS_POC_SUBNET_MODE: "private", EKS_POC_AZ_COUNT: "2", EKS_POC_PRIVATE_SUBNET_CIDRS: "10.0.128.0/24,10.1.0.0/24" },
      [refusal("privateSubnetCidrs", "EKS_POC_PRIVATE_SUBNET_CIDRS", "conflict")],
    ],
    [
      "unknown variables, in name order",
      {},
      { EKS_POC_ZZZ: "1", EKS_POC_AAA: "1" },
      [refusal("EKS_POC_AAA", "the environment", "unknown"), refusal("EKS_POC_ZZZ", "the environment", "unknown")],
    ],
    [
      "unknown cdktf.json keys, in name order",
      { zzz: 1, aaa: 2 },
      {},
      [refusal("aaa", "cdktf.json context", "unknown"), refusal("zzz", "cdktf.json context", "unknown")],
    ],
    [
      "a patch version",
      {},
      { EKS_POC_KUBERNETES_VERSION: "1.35.0" },
      [refusal("kubernetesVersion", "EKS_POC_KUBERNETES_VERSION", "format")],
    ],
    [
      "a two-digit major version EKS never offered",
      {},
      { EKS_POC_KUBERNETES_VERSION: "11.0" },
      [refusal("kubernetesVersion", "EKS_POC_KUBERNETES_VERSION", "unavailable")],
    ],
    ["a tag key of 129 characters", {}, { EKS_POC_TAGS: `${"k".repeat(129)}=v` }, [refusal("tags", "EKS_POC_TAGS", "range")]],
    ["a tag value of 257 characters", {}, { EKS_POC_TAGS: `x=${"v".repeat(257)}` }, [refusal("tags", "EKS_POC_TAGS", "range")]],
  ];

  it.each(cases)("%s", (_, context, env, meanings) => {
    expect(problemsOf(context, env)).toEqual(meanings);
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ["the largest IMDS hop limit", {}, { EKS_POC_IMDS_HOP_LIMIT: "64" }],
    ["node groups of one node", {}, { EKS_POC_NODE_MIN_SIZE: "1", EKS_POC_NODE_DESIRED_SIZE: "1", EKS_POC_NODE_MAX_SIZE: "1" }],
    [
      "explicit subnets of /28, the AWS minimum",
      {},
      { EKS_POC_AZ_COUNT: "2", EKS_POC_VPC_CIDR: "10.0.0.0/24", EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.0.0/28,10.0.0.16/28" },
    ],
    [
      "tag keys of 1 and 128 characters, a value of 256, aws: inside a key",
      {},
      { EKS_POC_TAGS: `a=1,${"k".repeat(128)}=v,x=${"v".repeat(256)},xaws:y=1` },
    ],
  ])("accepts %s", (_, context, env) => {
    expect(problemsOf(context, env)).toEqual([]);
  });

  it("trims the items of a list from cdktf.json", () => {
    expect(loadSettings({ azs: [" us-east-1a ", "us-east-1b"] }, {}, TODAY).azs).toEqual(["us-east-1a", "us-east-1b"]);
  });
});

describe("readOverlay", () => {
  it("takes EKS_POC_OVERLAY, then cdktf.json's context, then the default", () => {
    expect(readOverlay({ overlay: "poc" }, { EKS_POC_OVERLAY: "dev" })).toBe("dev");
    expect(readOverlay({ overlay: "dev" }, {})).toBe("dev");
    expect(readOverlay({}, {})).toBe("poc");
    expect(readOverlay({ overlay: "dev" }, { EKS_POC_OVERLAY: "" })).toBe("poc");
  });

  it("ignores the other settings, even ones a synth would refuse, and unknown variables", () => {
    expect(readOverlay({ kubernetesVersion: "1.20", azCount: "many" }, { EKS_POC_NODE_MIN_SIZE: "-1", EKS_POC_NO_SUCH: "x" })).toBe("poc");
  });

  it.each<[Record<string, unknown>, Record<string, string>, Problem]>([
    [{ overlay: "../etc" }, {}, expect.objectContaining({ ...refusal("overlay", "cdktf.json context", "format"), value: "../etc" })],
    [{}, { EKS_POC_OVERLAY: "Dev" }, expect.objectContaining({ ...refusal("overlay", "EKS_POC_OVERLAY", "format"), value: "Dev" })],
    [{ overlay: 3 }, {}, expect.objectContaining({ ...refusal("overlay", "cdktf.json context", "type"), value: 3 })],
  ])("refuses %j %j in one problem naming value and source", (context, env, problem) => {
    let thrown: unknown;
    try {
      readOverlay(context, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([problem]);
  });
});
