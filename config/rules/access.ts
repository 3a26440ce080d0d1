import * as ipaddr from "ipaddr.js";
import { parseIpv4Cidr } from "../cidr";
import { listedTwice } from "../parse-values";
import type { GetRaw, Problems, RawSetting } from "../problems";

// The rules of the settings of docs/configuration.md's Access group: who may reach the API endpoint, the load balancer and the
// stats page, and who administers the cluster.

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
    problems.add(raw, "empty", "is empty; allowed: one or more public IPv4 CIDRs, such as the address you run kubectl from as a /32");
  }
  if (cidrs.length > MAX_ENDPOINT_CIDRS) {
    problems.add(
      raw,
      "range",
      `lists ${cidrs.length} CIDRs; allowed: at most ${MAX_ENDPOINT_CIDRS}, EKS's quota of public endpoint access CIDR ranges per cluster, which cannot be raised`,
    );
  }
  for (const cidr of cidrs) {
    const parsed = parseIpv4Cidr(cidr);
    if (typeof parsed === "string") {
      problems.add(raw, "format", `${cidr} ${parsed.replace("such as 10.0.0.0/16", "such as 0.0.0.0/0")}`);
      continue;
    }
    const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
    const range = reservedRangeOf(address, prefix);
    if (range) {
      problems.add(
        raw,
        "reserved",
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

/**
 * For an NLB with instance targets, cloud-provider-aws adds to the nodes'
 * security group, per source range, one rule per NodePort and one ICMP rule
 * for path MTU discovery, plus, per Service, one health-check rule per load
 * balancer subnet (up to 6). The group holds EKS's own rule and takes 60
 * inbound rules by default; two Services (the main one and the stats page's)
 * leave 60 - 1 - 2 * 6 = 47 rules for source ranges.
 */
const RULES_FOR_RANGES = 60 - 1 - 2 * 6;
/** The main Service's ranges take three rules each (ports 80 and 5000, and ICMP): 15 ranges. */
export const MAX_SOURCE_RANGES = Math.floor(RULES_FOR_RANGES / 3);

/** The most stats-page ranges beside `loadBalancerRanges` main-Service ranges: each takes two rules (its NodePort and ICMP). */
export function maxStatsSourceRanges(loadBalancerRanges: number): number {
  return Math.floor((RULES_FOR_RANGES - 3 * loadBalancerRanges) / 2);
}

/** Checks who may reach the load balancer. */
export function checkLoadBalancerSourceRanges(ranges: readonly string[], raw: RawSetting, problems: Problems): void {
  if (ranges.length === 0) {
    problems.add(raw, "empty", "is empty; allowed: one or more IPv4 CIDRs, such as 203.0.113.7/32 (0.0.0.0/0 for anyone)");
  }
  if (ranges.length > MAX_SOURCE_RANGES) {
    problems.add(
      raw,
      "range",
      `lists ${ranges.length} CIDRs; allowed: at most ${MAX_SOURCE_RANGES} (each adds three rules to the nodes' security group, which takes 60)`,
    );
  }
  checkCidrs(ranges, raw, problems);
}

/**
 * Checks how many ranges may reach the stats page (each CIDR is checked by
 * checkCidrs). Empty is allowed (no load balancer for it). Each range adds two
 * rules (its NodePort and ICMP) to what the main Service's ranges leave.
 */
export function validateStatsSourceRanges(
  input: { loadBalancerSourceRanges: readonly string[]; statsSourceRanges: readonly string[] },
  get: GetRaw<"statsSourceRanges">,
  problems: Problems,
): void {
  const ranges = input.statsSourceRanges;
  const allowed = maxStatsSourceRanges(input.loadBalancerSourceRanges.length);
  if (ranges.length > 0 && ranges.length > allowed) {
    problems.add(
      get("statsSourceRanges"),
      "range",
      `lists ${ranges.length} CIDRs; allowed: at most ${allowed} beside ${input.loadBalancerSourceRanges.length} in loadBalancerSourceRanges (the nodes' security group takes 60 rules)`,
    );
  }
}

export function checkCidrs(ranges: readonly string[], setting: RawSetting, problems: Problems): void {
  for (const cidr of ranges) {
    const parsed = parseIpv4Cidr(cidr);
    if (typeof parsed === "string") problems.add(setting, "format", `${cidr} ${parsed}`);
  }
  const twice = listedTwice(ranges);
  if (twice) problems.add(setting, "repeated", `${twice}; allowed: each CIDR once`);
}

const IAM_PRINCIPAL_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/;
/**
 * Service-linked roles (`role/aws-service-role/...`), which access entries do not take (EKS user guide, "Create access
 * entries": awsdocs/amazon-eks-user-guide, latest/ug/manage-access/k8s-access/creating-access-entries.adoc).
 */
const SERVICE_LINKED_ROLE = /^arn:[a-z-]+:iam::\d{12}:role\/aws-service-role\//;
export function checkAdminPrincipals(arns: readonly string[], raw: RawSetting, problems: Problems): void {
  const badArns = arns.filter((arn) => !IAM_PRINCIPAL_PATTERN.test(arn));
  if (badArns.length > 0) {
    problems.add(raw, "format", `${badArns.join(", ")}: allowed: IAM role or user ARNs such as arn:aws:iam::123456789012:role/Admin`);
  }
  const serviceLinked = arns.filter((arn) => SERVICE_LINKED_ROLE.test(arn));
  if (serviceLinked.length > 0) {
    problems.add(
      raw,
      "reserved",
      `${serviceLinked.join(", ")}: EKS refuses a service-linked role (role/aws-service-role/...) as an access entry; allowed: IAM roles or users a person or pipeline assumes`,
    );
  }
}
