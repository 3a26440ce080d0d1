import { problemsFrom, settingsFrom } from "../helpers/settings";

describe("loadBalancerSourceRanges", () => {
  it("defaults to anyone, as the original project's public URLs need", () => {
    expect(settingsFrom().loadBalancerSourceRanges).toEqual(["0.0.0.0/0"]);
  });

  it("takes a comma-separated list of CIDRs", () => {
    expect(settingsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: "203.0.113.0/24, 198.51.100.7/32" }).loadBalancerSourceRanges)
      .toEqual(["203.0.113.0/24", "198.51.100.7/32"]);
  });

  const cases: Array<[string, string, string]> = [
    ["an address without a prefix", "203.0.113.7",
      'loadBalancerSourceRanges = "203.0.113.7" (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): 203.0.113.7 is not an IPv4 CIDR such as 10.0.0.0/16'],
    ["host bits", "203.0.113.7/24",
      'loadBalancerSourceRanges = "203.0.113.7/24" (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): 203.0.113.7/24 has host bits set; the network is 203.0.113.0/24'],
    ["an empty list", " , ",
      'loadBalancerSourceRanges = " , " (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): is empty; allowed: one or more IPv4 CIDRs, such as 203.0.113.7/32 (0.0.0.0/0 for anyone)'],
    ["a CIDR twice", "203.0.113.0/24,203.0.113.0/24",
      'loadBalancerSourceRanges = "203.0.113.0/24,203.0.113.0/24" (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): lists a CIDR twice'],
  ];

  it.each(cases)("refuses %s", (_, value, message) => {
    expect(problemsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: value })).toContain(message);
  });

  it("refuses more ranges than the nodes' security group has rules for", () => {
    const ranges = Array.from({ length: 14 }, (_, i) => `203.0.113.${i * 16}/28`).join(",");
    expect(problemsFrom({ EKS_POC_LOAD_BALANCER_SOURCE_RANGES: ranges })).toEqual([
      `loadBalancerSourceRanges = "${ranges}" (from EKS_POC_LOAD_BALANCER_SOURCE_RANGES): lists 14 CIDRs; allowed: at most 13 (each adds four rules to the nodes' security group, which takes 60)`,
    ]);
  });
});
