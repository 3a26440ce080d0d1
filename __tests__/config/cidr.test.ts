import { contains, overlaps, parseIpv4Cidr, subnetAt } from "../../config/cidr";
import type { Ipv4Network } from "../../config/cidr";

const net = (text: string): Ipv4Network => parseIpv4Cidr(text) as Ipv4Network;

describe("parseIpv4Cidr", () => {
  it("parses a network address", () => {
    expect(net("10.0.0.0/16")).toMatchObject({ prefix: 16, size: 65536 });
  });

  it("refuses host bits and names the network", () => {
    expect(parseIpv4Cidr("10.0.1.0/16")).toBe("has host bits set; the network is 10.0.0.0/16");
  });

  it("refuses what is not a CIDR", () => {
    expect(parseIpv4Cidr("10.0.0/16")).toMatch(/is not an IPv4 CIDR/);
    expect(parseIpv4Cidr("10.0.0.0/33")).toMatch(/is not an IPv4 CIDR/);
  });
});

describe("subnet arithmetic", () => {
  it("carves the n-th block", () => {
    expect(subnetAt(net("10.0.0.0/16"), 24, 0)).toBe("10.0.0.0/24");
    expect(subnetAt(net("10.0.0.0/16"), 24, 128)).toBe("10.0.128.0/24");
    expect(subnetAt(net("172.16.0.0/12"), 20, 3)).toBe("172.16.48.0/20");
  });

  it("tells containment and overlap", () => {
    expect(contains(net("10.0.0.0/16"), net("10.0.255.0/24"))).toBe(true);
    expect(contains(net("10.0.0.0/16"), net("10.1.0.0/24"))).toBe(false);
    // Below the outer block (its end inside it would not make it contained).
    expect(contains(net("10.1.0.0/16"), net("10.0.255.0/24"))).toBe(false);
    expect(contains(net("10.1.0.0/16"), net("10.0.0.0/8"))).toBe(false);
    expect(overlaps(net("10.0.0.0/23"), net("10.0.1.0/24"))).toBe(true);
    expect(overlaps(net("10.0.0.0/24"), net("10.0.1.0/24"))).toBe(false);
    // Adjacent the other way round: the first block starts where the second ends.
    expect(overlaps(net("10.0.1.0/24"), net("10.0.0.0/24"))).toBe(false);
  });
});
