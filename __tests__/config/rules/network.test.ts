import { Problems } from "../../../config/problems";
import type { Problem, RawSetting, Reason } from "../../../config/problems";
import { expectEdge, meaningOf, refusal, refused, refusalsFrom, refusalsOf, settingsFrom } from "../../helpers/settings";
import { NETWORK_RULE } from "../../../config/settings-spec";
import type { SettingName, SpecValues } from "../../../config/settings-spec";
import { readRawSettings } from "../../../config/sources";
import { planNetwork } from "../../../config/rules/network";
import type { NetworkInput, NetworkPlan } from "../../../config/rules/network";

/** The network settings at their defaults, as load-settings.ts hands them to the plan. */
const DEFAULTS: NetworkInput = {
  region: "us-east-1",
  subnetMode: "public",
  azs: [],
  azCount: 3,
  azCountIsExplicit: false,
  vpcCidr: "10.0.0.0/16",
  subnetPrefixLength: 24,
  publicSubnetCidrs: [],
  privateSubnetCidrs: [],
};

/** Each setting as written in cdktf.json, with the value the plan is given. */
function plan(input: Partial<NetworkInput>): { plan: NetworkPlan; problems: Problem[] } {
  const full = { ...DEFAULTS, ...input };
  const get = (name: SettingName): RawSetting => ({
    name,
    value: full[name as keyof NetworkInput],
    source: "cdktf.json context",
    origin: "context",
  });
  const problems = new Problems();
  return { plan: planNetwork(full, get, problems), problems: problems.found };
}

const FOUR = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];

describe("planNetwork", () => {
  it("defaults: three AZs from the region, one public /24 each from the VPC's first blocks, no private subnet", () => {
    expect(plan({})).toEqual({
      plan: {
        azs: [],
        azCount: 3,
        vpcCidr: "10.0.0.0/16",
        subnetPrefixLength: 24,
        publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"],
        privateSubnetCidrs: [],
      },
      problems: [],
    });
  });

  it("custom: explicit AZs cut to the written azCount, explicit subnet lists taken as written", () => {
    const publicSubnetCidrs = ["10.20.0.0/24", "10.20.1.0/24"];
    const privateSubnetCidrs = ["10.20.128.0/20", "10.20.144.0/20"];
    expect(
      plan({
        subnetMode: "private",
        azs: FOUR,
        azCount: 2,
        azCountIsExplicit: true,
        vpcCidr: "10.20.0.0/16",
        subnetPrefixLength: 20,
        publicSubnetCidrs,
        privateSubnetCidrs,
      }),
    ).toEqual({
      plan: {
        azs: FOUR.slice(0, 2),
        azCount: 2,
        vpcCidr: "10.20.0.0/16",
        subnetPrefixLength: 20,
        publicSubnetCidrs,
        privateSubnetCidrs,
      },
      problems: [],
    });
  });

  it("azs alone sets the count, and derived private subnets start half-way through the VPC", () => {
    const { plan: network, problems } = plan({ subnetMode: "private", azs: FOUR, vpcCidr: "10.1.0.0/20", subnetPrefixLength: 23 });
    expect(problems).toEqual([]);
    expect(network).toMatchObject({
      azs: FOUR,
      azCount: 4,
      publicSubnetCidrs: ["10.1.0.0/23", "10.1.2.0/23", "10.1.4.0/23", "10.1.6.0/23"],
      privateSubnetCidrs: ["10.1.8.0/23", "10.1.10.0/23", "10.1.12.0/23", "10.1.14.0/23"],
    });
  });

  const refusals: Array<[string, Partial<NetworkInput>, SettingName, Reason, string | undefined]> = [
    [
      "overlapping public subnets",
      { publicSubnetCidrs: ["10.0.0.0/23", "10.0.1.0/24", "10.0.2.0/24"] },
      "publicSubnetCidrs",
      "conflict",
      "10.0.1.0/24 overlaps 10.0.0.0/23 (publicSubnetCidrs)",
    ],
    [
      "a private subnet overlapping a derived public one",
      { subnetMode: "private", privateSubnetCidrs: ["10.0.128.0/24", "10.0.2.128/25", "10.0.130.0/24"] },
      "privateSubnetCidrs",
      "conflict",
      "10.0.2.128/25 overlaps 10.0.2.0/24 (publicSubnetCidrs)",
    ],
    [
      "a subnet outside the VPC",
      { publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24", "192.168.0.0/24"] },
      "publicSubnetCidrs",
      "conflict",
      "192.168.0.0/24 does not fit inside the VPC 10.0.0.0/16",
    ],
    [
      "a subnet smaller than /28",
      { publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/29"] },
      "publicSubnetCidrs",
      "range",
      "10.0.2.0/29 is smaller than /28",
    ],
    [
      "a subnet that is not a CIDR",
      { publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0"] },
      "publicSubnetCidrs",
      "format",
      "10.0.2.0 is not",
    ],
    ["fewer explicit subnets than AZs", { publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24"] }, "publicSubnetCidrs", "range", "(3)"],
    ["too few AZs listed", { azs: ["us-east-1a"] }, "azs", "range", "2 to 6"],
    ["too few AZs asked for", { azCount: 1, azCountIsExplicit: true }, "azCount", "range", "2 to 6"],
    [
      "more AZs asked for than listed",
      { azs: FOUR.slice(0, 2), azCount: 3, azCountIsExplicit: true },
      "azCount",
      "conflict",
      "(2: us-east-1a, us-east-1b)",
    ],
    ["an AZ of another region", { azs: ["us-east-1a", "eu-west-1b"] }, "azs", "conflict", "eu-west-1b is not an AZ of region us-east-1"],
    ["an AZ listed twice", { azs: ["us-east-1a", "us-east-1a"] }, "azs", "repeated", "twice"],
    ["a VPC larger than /16", { vpcCidr: "10.0.0.0/15" }, "vpcCidr", "range", "/16 to /28"],
    ["a VPC that is not a CIDR", { vpcCidr: "10.0.0.0" }, "vpcCidr", "format", undefined],
    [
      "derived subnets that do not fit at the written prefix",
      { vpcCidr: "10.0.0.0/24", azCount: 6, azCountIsExplicit: true, subnetPrefixLength: 26 },
      "subnetPrefixLength",
      "range",
      "which holds 4; allowed: 27 to 28",
    ],
    [
      "derived subnets that fit in half the VPC at no prefix (private mode)",
      { subnetMode: "private", vpcCidr: "10.0.0.0/26", azCount: 5, azCountIsExplicit: true, subnetPrefixLength: 30 },
      "subnetPrefixLength",
      "range",
      "no prefix fits 5 subnets, one per AZ, in half of 10.0.0.0/26",
    ],
    [
      "derived subnets that fit only at the AWS minimum",
      { vpcCidr: "10.0.0.0/26", subnetPrefixLength: 27 },
      "subnetPrefixLength",
      "range",
      "which holds 2; allowed: 28",
    ],
    [
      "a prefix for the private subnets it derives beside explicit public ones (private mode)",
      {
        subnetMode: "private",
        azCount: 2,
        azCountIsExplicit: true,
        publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24"],
        subnetPrefixLength: 12,
      },
      "subnetPrefixLength",
      "range",
      "allowed: 18 to 28 (2 subnets, one per AZ, in half of 10.0.0.0/16",
    ],
    [
      "the wrong number of explicit private subnets (private mode)",
      { subnetMode: "private", azCount: 2, azCountIsExplicit: true, privateSubnetCidrs: ["10.0.128.0/24"] },
      "privateSubnetCidrs",
      "range",
      "(2)",
    ],
    [
      "a subnet prefix shorter than the VPC's",
      { vpcCidr: "10.0.0.0/20", subnetPrefixLength: 16 },
      "subnetPrefixLength",
      "range",
      "allowed: 22 to 28 (3 subnets, one per AZ, in 10.0.0.0/20",
    ],
  ];

  it.each(refusals)("refuses %s in one line", (_, input, setting, reason, salient) => {
    expect(plan(input).problems).toEqual([refused(setting, "cdktf.json context", reason, salient)]);
  });

  it("accepts the edges: six AZs, an azCount equal to the AZs listed, a prefix it does not use", () => {
    const six = ["a", "b", "c", "d", "e", "f"].map((letter) => `us-east-1${letter}`);
    expect(plan({ azs: six })).toMatchObject({ problems: [], plan: { azs: six } });
    expect(plan({ azs: six.slice(0, 2), azCount: 2, azCountIsExplicit: true })).toMatchObject({
      problems: [],
      plan: { azs: six.slice(0, 2) },
    });
    // Public mode with the public subnets given: no subnet is derived, so the prefix is not judged here (the unused-setting
    // rule says it has no effect).
    const explicit = { azCount: 2, azCountIsExplicit: true, publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24"], subnetPrefixLength: 12 };
    expect(plan(explicit).problems).toEqual([]);
  });

  it("derives no subnet from a VPC it refused", () => {
    expect(plan({ vpcCidr: "10.0.0.0/29" }).plan).toMatchObject({ publicSubnetCidrs: [], privateSubnetCidrs: [] });
  });

  it("judges no subnet when azCount is not a number (its parser has said so)", () => {
    expect(plan({ azCount: NaN, azCountIsExplicit: true })).toMatchObject({ plan: { publicSubnetCidrs: [] }, problems: [] });
  });
});

describe("NETWORK_RULE, the spec's entry for the plan", () => {
  it("lists what it checks of exactly the settings the plan's refusals name, each among those it involves", () => {
    const named = new Set(refusalSettings());
    expect([...named].sort()).toEqual(Object.keys(NETWORK_RULE.checks).sort());
    expect([...named].filter((name) => !NETWORK_RULE.involves.includes(name))).toEqual([]);
  });

  it("involves every setting the plan reads", () => {
    expect([...NETWORK_RULE.involves].sort()).toEqual(
      Object.keys(DEFAULTS)
        .filter((key) => key !== "azCountIsExplicit")
        .sort(),
    );
  });

  it("takes azCount as written when the user wrote it, whatever its value", () => {
    const run = (context: Record<string, unknown>) => {
      const raw = readRawSettings(context, {});
      const values = { ...DEFAULTS, ...context } as unknown as SpecValues;
      return NETWORK_RULE.plan(values, (name) => raw[name], new Problems()).azCount;
    };
    expect(run({ azs: FOUR })).toBe(4);
    expect(run({ azs: FOUR, azCount: 3 })).toBe(3);
  });
});

/** The settings the refusals above name. */
function refusalSettings(): SettingName[] {
  const cases: Array<Partial<NetworkInput>> = [
    { publicSubnetCidrs: ["10.0.0.0/23", "10.0.1.0/24", "10.0.2.0/24"] },
    { subnetMode: "private", privateSubnetCidrs: ["10.0.0.0/24", "10.0.129.0/24", "10.0.130.0/24"] },
    { azs: ["us-east-1a"] },
    { azCount: 7, azCountIsExplicit: true },
    { vpcCidr: "10.0.0.0/8" },
    { subnetPrefixLength: 12 },
  ];
  return cases.flatMap((input) => plan(input).problems.map((problem) => problem.setting as SettingName));
}

describe("vpcCidr, in ranges AWS gives no VPC (last accepted, first refused)", () => {
  it.each([
    ["1.0.0.0/16", "0.255.0.0/16"],
    ["126.255.0.0/16", "127.0.0.0/16"],
    ["169.253.0.0/16", "169.254.0.0/16"],
    ["223.255.0.0/16", "224.0.0.0/16"],
    ["100.64.0.0/16", "240.0.0.0/16"],
  ])("accepts %s, refuses %s", (accepted, refused) => {
    expectEdge("vpcCidr", accepted, refused, "reserved");
  });
});

describe("subnet settings without effect in the mode chosen", () => {
  const cases: Array<[string, Record<string, string>, ReturnType<typeof refusal>]> = [
    [
      "private subnet CIDRs in public mode",
      { EKS_POC_PRIVATE_SUBNET_CIDRS: "10.0.128.0/24,10.0.129.0/24,10.0.130.0/24" },
      refusal("privateSubnetCidrs", "EKS_POC_PRIVATE_SUBNET_CIDRS", "no-effect"),
    ],
    [
      "a single NAT gateway in public mode",
      { EKS_POC_SINGLE_NAT_GATEWAY: "true" },
      refusal("singleNatGateway", "EKS_POC_SINGLE_NAT_GATEWAY", "no-effect"),
    ],
    [
      "a subnet prefix when every subnet is explicit",
      { EKS_POC_AZ_COUNT: "2", EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.0.0/26,10.0.0.64/26", EKS_POC_SUBNET_PREFIX_LENGTH: "26" },
      refusal("subnetPrefixLength", "EKS_POC_SUBNET_PREFIX_LENGTH", "no-effect"),
    ],
  ];

  it.each(cases)("refuses %s", (_, env, meaning) => {
    expect(meaningOf(refusalsFrom(env))).toEqual([meaning]);
  });

  it("accepts them where they apply", () => {
    expect(() =>
      settingsFrom({
        EKS_POC_SUBNET_MODE: "private",
        EKS_POC_SINGLE_NAT_GATEWAY: "true",
        EKS_POC_PRIVATE_SUBNET_CIDRS: "10.0.128.0/24,10.0.129.0/24,10.0.130.0/24",
      }),
    ).not.toThrow();
  });

  describe("subnetPrefixLength in private mode: without effect only when both subnet lists are explicit", () => {
    const base = { EKS_POC_SUBNET_MODE: "private", EKS_POC_AZ_COUNT: "2", EKS_POC_SUBNET_PREFIX_LENGTH: "26" };
    const publicCidrs = { EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.0.0/26,10.0.0.64/26" };
    const privateCidrs = { EKS_POC_PRIVATE_SUBNET_CIDRS: "10.0.128.0/26,10.0.128.64/26" };

    it("sizes the derived public subnets when only the private ones are explicit", () => {
      expect(settingsFrom({ ...base, ...privateCidrs }).publicSubnetCidrs).toEqual(["10.0.0.0/26", "10.0.0.64/26"]);
    });

    it("sizes the derived private subnets when only the public ones are explicit", () => {
      expect(settingsFrom({ ...base, ...publicCidrs }).privateSubnetCidrs).toEqual(["10.0.128.0/26", "10.0.128.64/26"]);
    });

    it("is refused when both are explicit", () => {
      expect(meaningOf(refusalsFrom({ ...base, ...publicCidrs, ...privateCidrs }))).toEqual([
        refusal("subnetPrefixLength", "EKS_POC_SUBNET_PREFIX_LENGTH", "no-effect"),
      ]);
    });
  });

  // Written is chosen, whatever the value: cdktf.json no longer ships the defaults, so nothing there is a copy of one.
  it("refuses one written with the default's value, from cdktf.json as from a variable", () => {
    const subnets = { EKS_POC_AZ_COUNT: "2", EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.0.0/26,10.0.0.64/26" };
    expect(refusalsOf({ subnetPrefixLength: 24 }, subnets)).toEqual([
      expect.objectContaining({ ...refusal("subnetPrefixLength", "cdktf.json context", "no-effect"), value: 24 }),
    ]);
    expect(refusalsFrom({ ...subnets, EKS_POC_SUBNET_PREFIX_LENGTH: "24" })).toEqual([
      expect.objectContaining({ ...refusal("subnetPrefixLength", "EKS_POC_SUBNET_PREFIX_LENGTH", "no-effect"), value: "24" }),
    ]);
  });
});
