import type { Reason } from "../../../config/problems";
import { refused, refusalsFrom, settingsFrom, expectEdge } from "../../helpers/settings";

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

  const cases: Array<[string, string, Reason, string]> = [
    ["an address without a prefix", "203.0.113.7", "format", "203.0.113.7"],
    ["host bits", "203.0.113.7/24", "format", "the network is 203.0.113.0/24"],
    ["an empty list", " , ", "empty", "0.0.0.0/0 for anyone"],
    ["a CIDR twice", "203.0.113.0/24,203.0.113.0/24", "repeated", "203.0.113.0/24 is"],
    ["CIDRs twice", "203.0.113.0/24,198.51.100.7/32,203.0.113.0/24,198.51.100.7/32", "repeated", "203.0.113.0/24, 198.51.100.7/32 are"],
  ];

  it.each(cases)("refuses %s", (_, value, reason, salient) => {
    expect(refusalsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: value })).toEqual([
      refused("loadBalancerSourceRanges", "EKS_POC_LOAD_BALANCER_SOURCE_RANGES", reason, salient),
    ]);
  });

  it("refuses more ranges than the nodes' security group has rules for", () => {
    const ranges = Array.from({ length: 16 }, (_, i) => `203.0.113.${i * 16}/28`).join(",");
    expect(refusalsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: ranges })).toEqual([
      refused("loadBalancerSourceRanges", "EKS_POC_LOAD_BALANCER_SOURCE_RANGES", "range", "at most 15"),
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

  it.each<[string, string, Reason, string]>([
    ["an address without a prefix", "198.51.100.7", "format", "198.51.100.7"],
    ["a CIDR twice", "198.51.100.7/32,198.51.100.7/32", "repeated", "198.51.100.7/32"],
  ])("refuses %s", (_, value, reason, salient) => {
    expect(refusalsFrom({ EKS_POC_STATS_SOURCE_RANGES: value })).toEqual([
      refused("statsSourceRanges", "EKS_POC_STATS_SOURCE_RANGES", reason, salient),
    ]);
  });

  it("refuses more ranges than the nodes' security group has rules left for beside loadBalancerSourceRanges", () => {
    const main = Array.from({ length: 13 }, (_, i) => `203.0.113.${i * 16}/28`).join(",");
    const stats = Array.from({ length: 5 }, (_, i) => `198.51.100.${i}/32`).join(",");
    expect(refusalsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: main, EKS_POC_STATS_SOURCE_RANGES: stats })).toEqual([
      refused("statsSourceRanges", "EKS_POC_STATS_SOURCE_RANGES", "range", "at most 4 beside 13"),
    ]);
    expect(
      settingsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: main, EKS_POC_STATS_SOURCE_RANGES: stats.split(",").slice(0, 4).join(",") })
        .statsSourceRanges,
    ).toHaveLength(4);
  });
});

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
    expect(refusalsFrom({ EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS: `52.95.110.1/32,${cidr}` })).toEqual([
      refused("endpointPublicAccessCidrs", "EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS", "reserved", `${cidr} is in a reserved range (${range})`),
    ]);
  });

  it("accepts public blocks, everyone, and globally reachable special blocks", () => {
    expect(
      settingsFrom({ EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS: "0.0.0.0/0,52.95.110.1/32,8.0.0.0/7,192.31.196.0/24" })
        .endpointPublicAccessCidrs,
    ).toEqual(["0.0.0.0/0", "52.95.110.1/32", "8.0.0.0/7", "192.31.196.0/24"]);
  });

  it("gives no example it would refuse", () => {
    const [problem] = refusalsFrom({ EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS: " , " });
    expect(problem).toEqual(refused("endpointPublicAccessCidrs", "EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS", "empty", "as a /32"));
    expect(problem.detail).not.toMatch(/\d+\.\d+\.\d+\.\d+/);
  });
});

describe("the API endpoint allowlist's length", () => {
  it("accepts 40 CIDRs and refuses 41, EKS's quota, which cannot be raised", () => {
    const cidrs = (count: number): string[] => Array.from({ length: count }, (_, i) => `8.8.${i}.0/24`);
    expectEdge("endpointPublicAccessCidrs", cidrs(40), cidrs(41), "range");
  });
});
