import { loadSettings } from "../../config/load-settings";
import { TODAY, problemsFrom, settingsFrom } from "../helpers/settings";

describe("settings without effect", () => {
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
    [
      "a state key prefix without a bucket",
      { EKS_POC_STATE_KEY_PREFIX: "team/poc" },
      'stateKeyPrefix = "team/poc" (from EKS_POC_STATE_KEY_PREFIX): has no effect without stateBucket: the state stays in local files; allowed: the default, or set stateBucket',
    ],
    [
      "a state region without a bucket",
      { EKS_POC_STATE_REGION: "eu-west-1" },
      'stateRegion = "eu-west-1" (from EKS_POC_STATE_REGION): has no effect without stateBucket: the state stays in local files; allowed: the default, or set stateBucket',
    ],
  ];

  it.each(cases)("refuses %s", (_, env, message) => {
    expect(problemsFrom(env)).toEqual([message]);
  });

  it("accepts them where they apply, and an empty state region, which asks for the cluster's", () => {
    expect(() =>
      settingsFrom({
        EKS_POC_SUBNET_MODE: "private",
        EKS_POC_SINGLE_NAT_GATEWAY: "true",
        EKS_POC_PRIVATE_SUBNET_CIDRS: "10.0.128.0/24,10.0.129.0/24,10.0.130.0/24",
      }),
    ).not.toThrow();
    expect(() =>
      settingsFrom({ EKS_POC_STATE_BUCKET: "tf-state", EKS_POC_STATE_KEY_PREFIX: "team/poc", EKS_POC_STATE_REGION: "eu-west-1" }),
    ).not.toThrow();
    expect(() => loadSettings({ stateRegion: "" }, {}, TODAY)).not.toThrow();
    expect(() => loadSettings({ stateRegion: " " }, {}, TODAY)).not.toThrow();
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
    expect(() => loadSettings({ stateKeyPrefix: "eks-haproxy-poc" }, {}, TODAY)).toThrow(
      'stateKeyPrefix = "eks-haproxy-poc" (from cdktf.json context): has no effect without stateBucket',
    );
  });
});
