import { loadSettings } from "../../config/load-settings";
import { ConfigError, Problems, REASONS, sentence } from "../../config/problems";
import type { Problem, Reason } from "../../config/problems";
import { TODAY } from "../helpers/settings";

describe("ConfigError", () => {
  // Built before each test, not in the describe body, so that mutation testing counts the class as run by the tests.
  let error: ConfigError;
  beforeEach(() => {
    error = new ConfigError([
      { setting: "region", value: "mars-1", source: "EKS_POC_REGION", reason: "format", detail: "unknown region" },
      { setting: "azCount", value: 0, source: "cdktf.json context", reason: "range", detail: "must be 1 to 6" },
    ]);
  });

  it("lists every problem on a line of its own, under one heading, and keeps them as data", () => {
    expect(error.message).toBe(
      "invalid configuration:\n" +
        '  - region = "mars-1" (from EKS_POC_REGION): unknown region\n' +
        "  - azCount = 0 (from cdktf.json context): must be 1 to 6",
    );
    expect(error.problems.map((problem) => problem.reason)).toEqual(["format", "range"]);
  });

  it("names itself in the stack the app prints with EKS_POC_DEBUG=1", () => {
    expect(error.stack).toMatch(/^ConfigError: invalid configuration:\n/);
  });
});

describe("Problems", () => {
  it("says one thing about a value its parser could not read, and passes warnings on before it throws", () => {
    const problems = new Problems();
    const raw = { name: "azCount", value: "x", source: "EKS_POC_AZ_COUNT", origin: "environment" } as const;
    problems.unparsable(raw, "type", "must be a whole number");
    problems.add(raw, "range", "allowed: 2 to 6");
    problems.warn(raw, "worth knowing");
    const warned: string[] = [];
    expect(() => problems.settle((line) => warned.push(line))).toThrow(ConfigError);
    expect(problems.found.map((problem) => problem.reason)).toEqual(["type"]);
    expect(warned).toEqual(['azCount = "x" (from EKS_POC_AZ_COUNT): worth knowing']);
  });
});

/**
 * The words of each kind of message, once: every other test asserts a problem by its setting, source and reason, so
 * that rewording a message changes this table alone. Each sentence is what a user reads, as loadSettings gives it.
 */
describe("one sentence per reason, exactly as the user reads it", () => {
  const cases: Array<[Reason, Record<string, unknown>, Record<string, string>, string]> = [
    [
      "type",
      { nodeMaxSize: "4" },
      {},
      'nodeMaxSize = "4" (from cdktf.json context): must be a whole number, a JSON number without quotes: 4',
    ],
    [
      "format",
      {},
      { EKS_POC_VPC_CIDR: "10.0.0/16" },
      'vpcCidr = "10.0.0/16" (from EKS_POC_VPC_CIDR): is not an IPv4 CIDR such as 10.0.0.0/16',
    ],
    ["choice", {}, { EKS_POC_SUBNET_MODE: "hybrid" }, 'subnetMode = "hybrid" (from EKS_POC_SUBNET_MODE): allowed: public, private'],
    ["range", { azCount: 9 }, {}, "azCount = 9 (from cdktf.json context): allowed: 2 to 6 (EKS needs subnets in at least two AZs)"],
    [
      "empty",
      {},
      { EKS_POC_NODE_INSTANCE_TYPES: " , " },
      'nodeInstanceTypes = " , " (from EKS_POC_NODE_INSTANCE_TYPES): is empty; allowed: one or more EC2 instance types such as t3.medium',
    ],
    [
      "repeated",
      {},
      { EKS_POC_STATS_SOURCE_RANGES: "198.51.100.1/32,198.51.100.1/32" },
      'statsSourceRanges = "198.51.100.1/32,198.51.100.1/32" (from EKS_POC_STATS_SOURCE_RANGES): 198.51.100.1/32 is listed twice; allowed: each CIDR once',
    ],
    [
      "reserved",
      {},
      { EKS_POC_VPC_CIDR: "127.0.0.0/16" },
      'vpcCidr = "127.0.0.0/16" (from EKS_POC_VPC_CIDR): is in 127.0.0.0/8 (loopback), which AWS does not give a VPC; allowed: an RFC 1918 ' +
        "block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), 100.64.0.0/10 or a publicly routable block",
    ],
    [
      "conflict",
      {},
      { EKS_POC_NODE_MIN_SIZE: "2" },
      'nodeMinSize = "2" (from EKS_POC_NODE_MIN_SIZE): is above nodeDesiredSize (1); allowed: nodeMinSize <= nodeDesiredSize <= nodeMaxSize',
    ],
    [
      "no-effect",
      {},
      { EKS_POC_SINGLE_NAT_GATEWAY: "true" },
      'singleNatGateway = "true" (from EKS_POC_SINGLE_NAT_GATEWAY): has no effect with subnetMode public, which makes no NAT gateway; ' +
        "allowed: false, or subnetMode private",
    ],
    [
      "unknown",
      { azCuont: 2 },
      {},
      "azCuont = 2 (from cdktf.json context): names no setting (did you mean azCount?); allowed: the settings of docs/configuration.md's table",
    ],
    [
      "unavailable",
      {},
      { EKS_POC_KUBERNETES_VERSION: "1.22" },
      'kubernetesVersion = "1.22" (from EKS_POC_KUBERNETES_VERSION): is not a version EKS offers; allowed on 2026-11-24: 1.31, 1.32, 1.33, 1.34, 1.35, 1.36',
    ],
  ];

  it("covers every reason of a refusal", () => {
    expect(cases.map(([reason]) => reason)).toEqual(REASONS.filter((reason) => reason !== "note"));
  });

  it.each(cases)("%s", (reason, context, env, line) => {
    let problems: readonly Problem[] = [];
    try {
      loadSettings(context, env, TODAY);
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems.map((problem) => [problem.reason, sentence(problem)])).toEqual([[reason, line]]);
  });

  it("note: a warning, which does not stop synth", () => {
    const warned: string[] = [];
    loadSettings({}, { AWS_REGION: "eu-west-1" }, TODAY, (line) => warned.push(line));
    expect(warned).toEqual([
      'region = "eu-west-1" (from AWS_REGION): overrides region "us-east-1" (from default); set EKS_POC_REGION to choose the region ' +
        "whatever AWS_REGION says",
    ]);
  });
});
