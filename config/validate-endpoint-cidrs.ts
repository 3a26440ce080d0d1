import * as ipaddr from "ipaddr.js";
import { parseIpv4Cidr } from "./cidr";
import { Problems } from "./parse-values";
import { RawSetting } from "./sources";

/** EKS's quota "Public endpoint access CIDR ranges per cluster" (EKS user guide, "Amazon EKS service quotas"): not adjustable. */
export const MAX_ENDPOINT_CIDRS = 40;

/**
 * Refuses API-endpoint allowlist entries EKS refuses: the EKS user guide
 * ("Configure network access to cluster API server endpoint") says a block
 * "cannot include reserved addresses", linking the table of reserved IPv4
 * ranges (private, loopback, link-local, shared, documentation, multicast...),
 * which ipaddr.js classifies. 0.0.0.0/0, which includes them all, is EKS's own default.
 */
export function checkEndpointCidrs(cidrs: readonly string[], raw: RawSetting, problems: Problems): void {
  if (cidrs.length === 0) {
    problems.add(raw, "is empty; allowed: one or more public IPv4 CIDRs, such as the address you run kubectl from as a /32");
  }
  if (cidrs.length > MAX_ENDPOINT_CIDRS) {
    problems.add(
      raw,
      `lists ${cidrs.length} CIDRs; allowed: at most ${MAX_ENDPOINT_CIDRS}, EKS's quota of public endpoint access CIDR ranges per cluster, which cannot be raised`,
    );
  }
  for (const cidr of cidrs) {
    const parsed = parseIpv4Cidr(cidr);
    if (typeof parsed === "string") {
      problems.add(raw, `${cidr} ${parsed.replace("such as 10.0.0.0/16", "such as 0.0.0.0/0")}`);
      continue;
    }
    const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
    const range = reservedRangeOf(address, prefix);
    if (range) {
      problems.add(
        raw,
        `${cidr} is in a reserved range (${range}), which EKS refuses: the public endpoint sees only public source addresses; allowed: public IPv4 CIDRs`,
      );
    }
  }
}

/** ipaddr.js's special ranges that the reserved-address table lists (its AS112 and AMT ranges are globally reachable). */
const RESERVED = ["unspecified", "broadcast", "multicast", "linkLocal", "loopback", "carrierGradeNat", "private", "reserved"];

/** ipaddr.js's table behind IPv4.range(), which its typings leave out. */
const SPECIAL_RANGES = (ipaddr.IPv4.prototype as unknown as { SpecialRanges: Record<string, unknown[]> }).SpecialRanges;

/** The reserved range (ipaddr.js's name) holding the whole block, if any. */
function reservedRangeOf(address: ipaddr.IPv4, prefix: number): string | undefined {
  for (const name of RESERVED) {
    const ranges = SPECIAL_RANGES[name];
    const list = (Array.isArray(ranges[0]) ? ranges : [ranges]) as Array<[ipaddr.IPv4, number]>;
    const holder = list.find(([network, bits]) => bits <= prefix && address.match(network, bits));
    if (holder) return `${name}: ${holder[0].toString()}/${holder[1]}`;
  }
  return undefined;
}
