import { SettingName } from "./defaults";
import { parseIpv4Cidr } from "./cidr";
import { Problems } from "./parse-values";
import { RawSetting } from "./sources";
import { Settings } from "./settings";

/**
 * For an NLB with instance targets, cloud-provider-aws adds to the nodes'
 * security group, per source range, one rule per NodePort (three here) and
 * one ICMP rule for path MTU discovery, plus one health-check rule per load
 * balancer subnet (up to 6); the group holds EKS's own rule and takes 60
 * inbound rules by default: (60 - 1 - 6) / 4 = 13 ranges.
 */
const MAX_SOURCE_RANGES = 13;

/** Checks who may reach the load balancer. */
export function validateLoadBalancer(
  input: Pick<Settings, "loadBalancerSourceRanges">, get: (name: SettingName) => RawSetting, problems: Problems,
): void {
  const ranges = input.loadBalancerSourceRanges;
  if (ranges.length === 0) {
    problems.add(get("loadBalancerSourceRanges"), "is empty; allowed: one or more IPv4 CIDRs, such as 203.0.113.7/32 (0.0.0.0/0 for anyone)");
  }
  if (ranges.length > MAX_SOURCE_RANGES) {
    problems.add(get("loadBalancerSourceRanges"), `lists ${ranges.length} CIDRs; allowed: at most ${MAX_SOURCE_RANGES} (each adds four rules to the nodes' security group, which takes 60)`);
  }
  for (const cidr of ranges) {
    const parsed = parseIpv4Cidr(cidr);
    if (typeof parsed === "string") problems.add(get("loadBalancerSourceRanges"), `${cidr} ${parsed}`);
  }
  if (new Set(ranges).size !== ranges.length) {
    problems.add(get("loadBalancerSourceRanges"), "lists a CIDR twice");
  }
}
