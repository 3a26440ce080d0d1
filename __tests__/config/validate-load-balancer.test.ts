import { problemsFrom, settingsFrom } from "../helpers/settings";

describe("loadBalancerSourceRanges", () => {
  it("defaults to anyone, as the original project's public URLs need", () => {
    expect(settingsFrom().loadBalancerSourceRanges).toEqual(["0.0.0.0/0"]);
  });

  it("takes a comma-separated list of CIDRs", () => {
    expect(settingsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: "203.0.113.0/24, 198.51.100.7/32" }).loadBalancerSourceRanges).toEqual([
      "203.0.113.0/24",
      "198.51.100.7/32",
    ]);
  });

  const cases: Array<[string, string, string]> = [
    [
      "an address without a prefix",
      "203.0.113.7",
      'loadBalancerSourceRanges = "203.0.113.7" (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): 203.0.113.7 is not an IPv4 CIDR such as 10.0.0.0/16',
    ],
    [
      "host bits",
      "203.0.113.7/24",
      'loadBalancerSourceRanges = "203.0.113.7/24" (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): 203.0.113.7/24 has host bits set; the network is 203.0.113.0/24',
    ],
    [
      "an empty list",
      " , ",
      'loadBalancerSourceRanges = " , " (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): is empty; allowed: one or more IPv4 CIDRs, such as 203.0.113.7/32 (0.0.0.0/0 for anyone)',
    ],
    [
      "a CIDR twice",
      "203.0.113.0/24,203.0.113.0/24",
      'loadBalancerSourceRanges = "203.0.113.0/24,203.0.113.0/24" (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): 203.0.113.0/24 is listed twice; allowed: each CIDR once',
    ],
    [
      "CIDRs twice",
      "203.0.113.0/24,198.51.100.7/32,203.0.113.0/24,198.51.100.7/32",
      'loadBalancerSourceRanges = "203.0.113.0/24,198.51.100.7/32,203.0.113.0/24,198.51.100.7/32" (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): 203.0.113.0/24, 198.51.100.7/32 are listed twice; allowed: each CIDR once',
    ],
  ];

  it.each(cases)("refuses %s", (_, value, message) => {
    expect(problemsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: value })).toContain(message);
  });

  it("refuses more ranges than the nodes' security group has rules for", () => {
    const ranges = Array.from({ length: 16 }, (_, i) => `203.0.113.${i * 16}/28`).join(",");
    expect(problemsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: ranges })).toEqual([
      `loadBalancerSourceRanges = "${ranges}" (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): lists 16 CIDRs; allowed: at most 15 (each adds three rules to the nodes' security group, which takes 60)`,
    ]);
    expect(
      settingsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: ranges.split(",").slice(0, 15).join(",") }).loadBalancerSourceRanges,
    ).toHaveLength(15);
  });
});

describe("statsSourceRanges", () => {
  it("defaults to none: no load balancer for the stats page", () => {
    expect(settingsFrom().statsSourceRanges).toEqual([]);
  });

  it("takes a comma-separated list of CIDRs", () => {
    expect(settingsFrom({ EKS_POC_STATS_SOURCE_RANGES: "198.51.100.7/32,203.0.113.0/28" }).statsSourceRanges).toEqual([
      "198.51.100.7/32",
      "203.0.113.0/28",
    ]);
  });

  it.each([
    [
      "an address without a prefix",
      "198.51.100.7",
      'statsSourceRanges = "198.51.100.7" (from EKS_POC_STATS_SOURCE_RANGES): 198.51.100.7 is not an IPv4 CIDR such as 10.0.0.0/16',
    ],
    [
      "a CIDR twice",
      "198.51.100.7/32,198.51.100.7/32",
      'statsSourceRanges = "198.51.100.7/32,198.51.100.7/32" (from EKS_POC_STATS_SOURCE_RANGES): 198.51.100.7/32 is listed twice; allowed: each CIDR once',
    ],
  ])("refuses %s", (_, value, message) => {
    expect(problemsFrom({ EKS_POC_STATS_SOURCE_RANGES: value })).toEqual([message]);
  });

  it("refuses more ranges than the nodes' security group has rules left for beside loadBalancerSourceRanges", () => {
    const main = Array.from({ length: 13 }, (_, i) => `203.0.113.${i * 16}/28`).join(",");
    const stats = Array.from({ length: 5 }, (_, i) => `198.51.100.${i}/32`).join(",");
    expect(problemsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: main, EKS_POC_STATS_SOURCE_RANGES: stats })).toEqual([
      `statsSourceRanges = "${stats}" (from EKS_POC_STATS_SOURCE_RANGES): lists 5 CIDRs; allowed: at most 4 beside 13 in loadBalancerSourceRanges (the nodes' security group takes 60 rules)`,
    ]);
    expect(
      settingsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: main, EKS_POC_STATS_SOURCE_RANGES: stats.split(",").slice(0, 4).join(",") })
        .statsSourceRanges,
    ).toHaveLength(4);
  });
});
