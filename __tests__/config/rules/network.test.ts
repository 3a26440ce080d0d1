import { sentence, Problems } from "../../../config/problems";
import { expectEdge, TODAY, problemsFrom, settingsFrom } from "../../helpers/settings";
import { NETWORK_RULE } from "../../../config/settings-spec";
import type { SettingName, SpecValues } from "../../../config/settings-spec";
import type { RawSetting } from "../../../config/problems";
import { readRawSettings } from "../../../config/sources";
import { planNetwork } from "../../../config/rules/network";
import type { NetworkInput, NetworkPlan } from "../../../config/rules/network";
import { loadSettings } from "../../../config/load-settings";

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
function plan(input: Partial<NetworkInput>): { plan: NetworkPlan; problems: string[] } {
  const full = { ...DEFAULTS, ...input };
  const get = (name: SettingName): RawSetting => ({
    name,
    value: full[name as keyof NetworkInput],
    source: "cdktf.json context",
    origin: "context",
  });
  const problems = new Problems();
  return { plan: planNetwork(full, get, problems), problems: problems.found.map(sentence) };
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

  const refusals: Array<[string, Partial<NetworkInput>, string]> = [
    [
      "overlapping public subnets",
      { publicSubnetCidrs: ["10.0.0.0/23", "10.0.1.0/24", "10.0.2.0/24"] },
      'publicSubnetCidrs = ["10.0.0.0/23","10.0.1.0/24","10.0.2.0/24"] (from cdktf.json context): 10.0.1.0/24 overlaps 10.0.0.0/23 (publicSubnetCidrs)',
    ],
    [
      "a private subnet overlapping a derived public one",
      { subnetMode: "private", privateSubnetCidrs: ["10.0.128.0/24", "10.0.2.128/25", "10.0.130.0/24"] },
      'privateSubnetCidrs = ["10.0.128.0/24","10.0.2.128/25","10.0.130.0/24"] (from cdktf.json context): 10.0.2.128/25 overlaps 10.0.2.0/24 (publicSubnetCidrs)',
    ],
    [
      "a subnet outside the VPC",
      { publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24", "192.168.0.0/24"] },
      'publicSubnetCidrs = ["10.0.0.0/24","10.0.1.0/24","192.168.0.0/24"] (from cdktf.json context): 192.168.0.0/24 does not fit inside the VPC 10.0.0.0/16',
    ],
    [
      "a subnet smaller than /28",
      { publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/29"] },
      'publicSubnetCidrs = ["10.0.0.0/24","10.0.1.0/24","10.0.2.0/29"] (from cdktf.json context): 10.0.2.0/29 is smaller than /28, the AWS minimum',
    ],
    [
      "a subnet that is not a CIDR",
      { publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0"] },
      'publicSubnetCidrs = ["10.0.0.0/24","10.0.1.0/24","10.0.2.0"] (from cdktf.json context): 10.0.2.0 is not an IPv4 CIDR such as 10.0.0.0/16',
    ],
    [
      "fewer explicit subnets than AZs",
      { publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24"] },
      'publicSubnetCidrs = ["10.0.0.0/24","10.0.1.0/24"] (from cdktf.json context): lists 2 CIDRs; allowed: exactly one per AZ (3)',
    ],
    ["too few AZs listed", { azs: ["us-east-1a"] }, 'azs = ["us-east-1a"] (from cdktf.json context): lists 1 AZ; allowed: 2 to 6'],
    [
      "too few AZs asked for",
      { azCount: 1, azCountIsExplicit: true },
      "azCount = 1 (from cdktf.json context): allowed: 2 to 6 (EKS needs subnets in at least two AZs)",
    ],
    [
      "more AZs asked for than listed",
      { azs: FOUR.slice(0, 2), azCount: 3, azCountIsExplicit: true },
      "azCount = 3 (from cdktf.json context): asks for more AZs than azs lists (2: us-east-1a, us-east-1b)",
    ],
    [
      "an AZ of another region",
      { azs: ["us-east-1a", "eu-west-1b"] },
      'azs = ["us-east-1a","eu-west-1b"] (from cdktf.json context): eu-west-1b is not an AZ of region us-east-1 (allowed: us-east-1a, us-east-1b, ...)',
    ],
    [
      "an AZ listed twice",
      { azs: ["us-east-1a", "us-east-1a"] },
      'azs = ["us-east-1a","us-east-1a"] (from cdktf.json context): lists an AZ twice; each AZ gets one subnet and one node group',
    ],
    [
      "a VPC larger than /16",
      { vpcCidr: "10.0.0.0/15" },
      'vpcCidr = "10.0.0.0/15" (from cdktf.json context): the prefix length must be from /16 to /28 (AWS VPC limits)',
    ],
    [
      "a VPC that is not a CIDR",
      { vpcCidr: "10.0.0.0" },
      'vpcCidr = "10.0.0.0" (from cdktf.json context): is not an IPv4 CIDR such as 10.0.0.0/16',
    ],
    [
      "derived subnets that do not fit at the written prefix",
      { vpcCidr: "10.0.0.0/24", azCount: 6, azCountIsExplicit: true, subnetPrefixLength: 26 },
      "subnetPrefixLength = 26 (from cdktf.json context): 6 subnets of /26, one per AZ, do not fit in 10.0.0.0/24, which holds 4; allowed: 27 to 28",
    ],
    [
      "derived subnets that fit in half the VPC at no prefix (private mode)",
      { subnetMode: "private", vpcCidr: "10.0.0.0/26", azCount: 5, azCountIsExplicit: true, subnetPrefixLength: 30 },
      "subnetPrefixLength = 30 (from cdktf.json context): no prefix fits 5 subnets, one per AZ, in half of 10.0.0.0/26 " +
        "(private mode gives public and private subnets a half each), /28 being the AWS minimum; allowed: a larger vpcCidr, or fewer AZs",
    ],
    [
      "derived subnets that fit only at the AWS minimum",
      { vpcCidr: "10.0.0.0/26", subnetPrefixLength: 27 },
      "subnetPrefixLength = 27 (from cdktf.json context): 3 subnets of /27, one per AZ, do not fit in 10.0.0.0/26, which holds 2; allowed: 28",
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
      "subnetPrefixLength = 12 (from cdktf.json context): allowed: 18 to 28 (2 subnets, one per AZ, in half of 10.0.0.0/16 " +
        "(private mode gives public and private subnets a half each); /28 is the AWS minimum)",
    ],
    [
      "the wrong number of explicit private subnets (private mode)",
      { subnetMode: "private", azCount: 2, azCountIsExplicit: true, privateSubnetCidrs: ["10.0.128.0/24"] },
      'privateSubnetCidrs = ["10.0.128.0/24"] (from cdktf.json context): lists 1 CIDR; allowed: exactly one per AZ (2)',
    ],
    [
      "a subnet prefix shorter than the VPC's",
      { vpcCidr: "10.0.0.0/20", subnetPrefixLength: 16 },
      "subnetPrefixLength = 16 (from cdktf.json context): allowed: 22 to 28 (3 subnets, one per AZ, in 10.0.0.0/20; /28 is the AWS minimum)",
    ],
  ];

  it.each(refusals)("refuses %s in one line", (_, input, line) => {
    expect(plan(input).problems).toEqual([line]);
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

/** The settings the refusals above name, from the start of each line. */
function refusalSettings(): SettingName[] {
  const cases: Array<Partial<NetworkInput>> = [
    { publicSubnetCidrs: ["10.0.0.0/23", "10.0.1.0/24", "10.0.2.0/24"] },
    { subnetMode: "private", privateSubnetCidrs: ["10.0.0.0/24", "10.0.129.0/24", "10.0.130.0/24"] },
    { azs: ["us-east-1a"] },
    { azCount: 7, azCountIsExplicit: true },
    { vpcCidr: "10.0.0.0/8" },
    { subnetPrefixLength: 12 },
  ];
  return cases.flatMap((input) => plan(input).problems.map((line) => line.split(" = ")[0] as SettingName));
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
  const cases: Array<[string, Record<string, string>, string]> = [
    [
      "private subnet CIDRs in public mode",
      { EKS_POC_PRIVATE_SUBNET_CIDRS: "10.0.128.0/24,10.0.129.0/24,10.0.130.0/24" },
      'privateSubnetCidrs = "10.0.128.0/24,10.0.129.0/24,10.0.130.0/24" (from EKS_POC_PRIVATE_SUBNET_CIDRS): has no effect with subnetMode public, which makes no private subnet; allowed: empty, or subnetMode private',
    ],
    [
      "a single NAT gateway in public mode",
      { EKS_POC_SINGLE_NAT_GATEWAY: "true" },
      'singleNatGateway = "true" (from EKS_POC_SINGLE_NAT_GATEWAY): has no effect with subnetMode public, which makes no NAT gateway; allowed: false, or subnetMode private',
    ],
    [
      "a subnet prefix when every subnet is explicit",
      { EKS_POC_AZ_COUNT: "2", EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.0.0/26,10.0.0.64/26", EKS_POC_SUBNET_PREFIX_LENGTH: "26" },
      'subnetPrefixLength = "26" (from EKS_POC_SUBNET_PREFIX_LENGTH): has no effect: every subnet\'s CIDR is given explicitly; allowed: the default, or fewer explicit subnet lists',
    ],
  ];

  it.each(cases)("refuses %s", (_, env, message) => {
    expect(problemsFrom(env)).toEqual([message]);
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
      expect(problemsFrom({ ...base, ...publicCidrs, ...privateCidrs })).toEqual([
        'subnetPrefixLength = "26" (from EKS_POC_SUBNET_PREFIX_LENGTH): has no effect: every subnet\'s CIDR is given explicitly; allowed: the default, or fewer explicit subnet lists',
      ]);
    });
  });

  // Written is chosen, whatever the value: cdktf.json no longer ships the defaults, so nothing there is a copy of one.
  it("refuses one written with the default's value, from cdktf.json as from a variable", () => {
    const subnets = { EKS_POC_AZ_COUNT: "2", EKS_POC_PUBLIC_SUBNET_CIDRS: "10.0.0.0/26,10.0.0.64/26" };
    const refusal = (value: string, source: string) =>
      `subnetPrefixLength = ${value} (from ${source}): has no effect: every subnet's CIDR is given explicitly; allowed: the default, or fewer explicit subnet lists`;
    expect(() => loadSettings({ subnetPrefixLength: 24 }, subnets, TODAY)).toThrow(refusal("24", "cdktf.json context"));
    expect(problemsFrom({ ...subnets, EKS_POC_SUBNET_PREFIX_LENGTH: "24" })).toEqual([refusal('"24"', "EKS_POC_SUBNET_PREFIX_LENGTH")]);
  });
});
