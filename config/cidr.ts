import * as ipaddr from "ipaddr.js";

/** An IPv4 network as numbers, for containment and overlap checks. */
export interface Ipv4Network {
  readonly text: string;
  readonly base: number;
  readonly prefix: number;
  readonly size: number;
}

/**
 * Parses an IPv4 CIDR and insists on its network address, as the AWS API does.
 * Returns a reason instead of throwing, so that validation can collect every problem.
 */
export function parseIpv4Cidr(text: string): Ipv4Network | string {
  const [address] = text.split("/");
  // ipaddr.js also takes legacy forms such as 10.0.0/16; AWS takes only dotted quads.
  if (!ipaddr.IPv4.isValidCIDR(text) || !ipaddr.IPv4.isValidFourPartDecimal(address)) {
    return "is not an IPv4 CIDR such as 10.0.0.0/16";
  }
  const [network, prefix] = ipaddr.IPv4.parseCIDR(text);
  const size = 2 ** (32 - prefix);
  const value = toNumber(network);
  const base = value - (value % size);
  if (base !== value) {
    return `has host bits set; the network is ${toText(base)}/${prefix}`;
  }
  return { text, base, prefix, size };
}

/** The `index`-th subnet of length `prefix` inside `network`. */
export function subnetAt(network: Ipv4Network, prefix: number, index: number): string {
  const size = 2 ** (32 - prefix);
  return `${toText(network.base + index * size)}/${prefix}`;
}

export function contains(outer: Ipv4Network, inner: Ipv4Network): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

function toNumber(address: ipaddr.IPv4): number {
  return address.octets.reduce((acc, octet) => acc * 256 + octet, 0);
}

function toText(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}
