import type { SettingName } from "./settings-spec";
import { parseIpv4Cidr } from "./cidr";
import { listedTwice, Problems } from "./parse-values";
import { RawSetting } from "./sources";
import { Settings } from "./settings";

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
    problems.add(raw, "is empty; allowed: one or more IPv4 CIDRs, such as 203.0.113.7/32 (0.0.0.0/0 for anyone)");
  }
  if (ranges.length > MAX_SOURCE_RANGES) {
    problems.add(
      raw,
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
  input: Pick<Settings, "loadBalancerSourceRanges" | "statsSourceRanges">,
  get: (name: SettingName) => RawSetting,
  problems: Problems,
): void {
  const ranges = input.statsSourceRanges;
  const allowed = maxStatsSourceRanges(input.loadBalancerSourceRanges.length);
  if (ranges.length > 0 && ranges.length > allowed) {
    problems.add(
      get("statsSourceRanges"),
      `lists ${ranges.length} CIDRs; allowed: at most ${allowed} beside ${input.loadBalancerSourceRanges.length} in loadBalancerSourceRanges (the nodes' security group takes 60 rules)`,
    );
  }
}

export function checkCidrs(ranges: readonly string[], setting: RawSetting, problems: Problems): void {
  for (const cidr of ranges) {
    const parsed = parseIpv4Cidr(cidr);
    if (typeof parsed === "string") problems.add(setting, `${cidr} ${parsed}`);
  }
  const twice = listedTwice(ranges);
  if (twice) problems.add(setting, `${twice}; allowed: each CIDR once`);
}
