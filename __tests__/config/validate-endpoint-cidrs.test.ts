import { expectEdge, problemsFrom, settingsFrom } from "../helpers/settings";

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
    expectEdge("endpointPublicAccessCidrs", cidrs(40), cidrs(41), "lists 41 CIDRs; allowed: at most 40");
    expectEdge("endpointPublicAccessCidrs", cidrs(40), cidrs(41), "which cannot be raised");
  });
});
