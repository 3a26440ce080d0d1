import { problemsFrom, settingsFrom, expectEdge } from "../../helpers/settings";

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

const line = (value: string, cidr: string, range: string): string =>
  `endpointPublicAccessCidrs = "${value}" (from EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS): ${cidr} is in a reserved range (${range}), ` +
  "which EKS refuses: the public endpoint sees only public source addresses; allowed: public IPv4 CIDRs";

describe("the API endpoint allowlist", () => {
  const cases: Array<[string, string]> = [
    ["10.0.0.0/8", "private: 10.0.0.0/8"],
    ["172.20.0.0/16", "private: 172.16.0.0/12"],
    ["192.168.1.7/32", "private: 192.168.0.0/16"],
    ["100.64.0.0/10", "carrierGradeNat: 100.64.0.0/10"],
    ["127.0.0.1/32", "loopback: 127.0.0.0/8"],
    ["169.254.169.254/32", "linkLocal: 169.254.0.0/16"],
    ["203.0.113.7/32", "reserved: 203.0.113.0/24"],
    ["224.0.0.0/4", "multicast: 224.0.0.0/4"],
    ["0.0.0.0/8", "unspecified: 0.0.0.0/8"],
  ];

  it.each(cases)("refuses %s", (cidr, range) => {
    expect(problemsFrom({ EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS: `52.95.110.1/32,${cidr}` })).toEqual([
      line(`52.95.110.1/32,${cidr}`, cidr, range),
    ]);
  });

  it("accepts public blocks, everyone, and globally reachable special blocks", () => {
    expect(
      settingsFrom({ EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS: "0.0.0.0/0,52.95.110.1/32,8.0.0.0/7,192.31.196.0/24" })
        .endpointPublicAccessCidrs,
    ).toEqual(["0.0.0.0/0", "52.95.110.1/32", "8.0.0.0/7", "192.31.196.0/24"]);
  });

  it("gives no example it would refuse", () => {
    expect(problemsFrom({ EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS: " , " })).toEqual([
      'endpointPublicAccessCidrs = " , " (from EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS): is empty; allowed: one or more public IPv4 CIDRs, such as the address you run kubectl from as a /32',
    ]);
  });
});

describe("the API endpoint allowlist's length", () => {
  it("accepts 40 CIDRs and refuses 41, EKS's quota, which cannot be raised", () => {
    const cidrs = (count: number): string[] => Array.from({ length: count }, (_, i) => `8.8.${i}.0/24`);
    expectEdge("endpointPublicAccessCidrs", cidrs(40), cidrs(41), "range");
  });
});
