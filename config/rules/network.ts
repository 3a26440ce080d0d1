import { contains, overlaps, parseIpv4Cidr, subnetAt } from "../cidr";
import type { Ipv4Network } from "../cidr";
import { written } from "../problems";
import type { GetRaw, Problems } from "../problems";

// The rules of the settings of docs/configuration.md's Network group: the AZs, the VPC and its subnets, judged together by the
// network plan, and the subnet settings that have no effect in the mode chosen.

/**
 * Zone IDs where EKS refuses cluster subnets (EKS user guide, "View Amazon EKS
 * networking requirements": subnet requirements). Zone IDs, not names: which
 * name (us-east-1a...) is which ID differs from account to account.
 */
export const EKS_REFUSED_ZONE_IDS = ["use1-az3", "usw1-az2", "cac1-az3"];

/** EKS needs subnets in at least two AZs; six covers every region. */
export const AZ_COUNT_RANGE = { min: 2, max: 6 } as const;

/**
 * Prefix lengths AWS accepts for a VPC's IPv4 block and for a subnet's (EC2 API reference, CreateVpc and CreateSubnet):
 * /16 (65,536 addresses) to /28 (16), the AWS minimum.
 */
export const VPC_PREFIX_RANGE = { min: 16, max: 28 } as const;

/**
 * Blocks a VPC cannot have: the VPC user guide ("VPC CIDR blocks") allows the RFC 1918 ranges and publicly routable
 * blocks, and these are neither (IANA's IPv4 special-purpose registry, RFC 6890): "this network", loopback, link-local
 * (which holds the instance metadata service), multicast and the reserved 240/4 with the broadcast address.
 * 100.64.0.0/10 (shared address space) is not here: the same guide lists it among the blocks a VPC may take.
 */
export const VPC_REFUSED_RANGES = [
  { cidr: "0.0.0.0/8", what: "this network" },
  { cidr: "127.0.0.0/8", what: "loopback" },
  { cidr: "169.254.0.0/16", what: "link-local" },
  { cidr: "224.0.0.0/4", what: "multicast" },
  { cidr: "240.0.0.0/4", what: "reserved" },
] as const;

/** The settings the network plan reads. */
type NetworkSetting = "azs" | "azCount" | "vpcCidr" | "subnetPrefixLength" | "publicSubnetCidrs" | "privateSubnetCidrs";

const { min: MIN_PREFIX, max: SMALLEST } = VPC_PREFIX_RANGE;
const vpcSized = (vpc: Ipv4Network): boolean => vpc.prefix >= MIN_PREFIX && vpc.prefix <= SMALLEST;

export interface NetworkInput {
  readonly region: string;
  readonly subnetMode: string;
  readonly azs: readonly string[];
  readonly azCount: number;
  /** azCount was written by the user (cdktf.json context, the CLI's context or EKS_POC_AZ_COUNT), not left at its default. */
  readonly azCountIsExplicit: boolean;
  readonly vpcCidr: string;
  readonly subnetPrefixLength: number;
  readonly publicSubnetCidrs: readonly string[];
  readonly privateSubnetCidrs: readonly string[];
}

export interface NetworkPlan {
  readonly azs: readonly string[];
  readonly azCount: number;
  readonly vpcCidr: string;
  readonly subnetPrefixLength: number;
  readonly publicSubnetCidrs: readonly string[];
  readonly privateSubnetCidrs: readonly string[];
}

/**
 * Checks the AZ and CIDR settings and derives one public subnet per AZ (and,
 * in private mode, one private subnet per AZ). Derived public subnets take the
 * VPC's first blocks and private ones start half-way, so adding an AZ later
 * does not renumber the existing subnets. With both azs and azCount written,
 * wherever each was written, the first azCount AZs of the list are used, and a
 * count above the list's length is refused; with azs alone, its length is the count.
 */
export function planNetwork(input: NetworkInput, get: GetRaw<NetworkSetting>, problems: Problems): NetworkPlan {
  const azs = checkAzs(input, get, problems);
  const azCount = input.azs.length > 0 && !input.azCountIsExplicit ? input.azs.length : input.azCount;
  const vpc = parseIpv4Cidr(input.vpcCidr);
  if (typeof vpc === "string") {
    problems.add(get("vpcCidr"), "format", vpc);
  } else if (!vpcSized(vpc)) {
    problems.add(get("vpcCidr"), "range", `the prefix length must be from /${MIN_PREFIX} to /${SMALLEST} (AWS VPC limits)`);
  } else {
    checkVpcRange(vpc, get, problems);
  }
  const privateMode = input.subnetMode === "private";
  const empty = {
    azs,
    azCount,
    vpcCidr: input.vpcCidr,
    subnetPrefixLength: input.subnetPrefixLength,
    publicSubnetCidrs: [],
    privateSubnetCidrs: [],
  };
  // A VPC of the wrong size is already refused; subnets judged against it would add a contradiction ("allowed: 29 to 28").
  if (typeof vpc === "string" || !vpcSized(vpc) || !Number.isInteger(azCount)) return empty;

  const derive = (offset: number): string[] =>
    Array.from({ length: azCount }, (_, i) => subnetAt(vpc, input.subnetPrefixLength, offset + i));
  const blocks = 2 ** (input.subnetPrefixLength - vpc.prefix);
  const explicitPublic = input.publicSubnetCidrs.length > 0;
  const explicitPrivate = input.privateSubnetCidrs.length > 0;
  if ((!explicitPublic || (privateMode && !explicitPrivate)) && !checkPrefix(input, vpc, azCount, privateMode, get, problems)) {
    return empty;
  }
  const publicSubnetCidrs = explicitPublic ? input.publicSubnetCidrs : derive(0);
  const privateSubnetCidrs = !privateMode ? [] : explicitPrivate ? input.privateSubnetCidrs : derive(blocks / 2);

  checkSubnets(
    vpc,
    azCount,
    [
      { name: "publicSubnetCidrs", cidrs: publicSubnetCidrs, explicit: explicitPublic },
      { name: "privateSubnetCidrs", cidrs: privateSubnetCidrs, explicit: explicitPrivate && privateMode },
    ],
    get,
    problems,
  );
  return { ...empty, publicSubnetCidrs, privateSubnetCidrs };
}

function checkVpcRange(vpc: Ipv4Network, get: GetRaw<NetworkSetting>, problems: Problems): void {
  const refused = VPC_REFUSED_RANGES.find(({ cidr }) => overlaps(vpc, parseIpv4Cidr(cidr) as Ipv4Network));
  if (refused) {
    problems.add(
      get("vpcCidr"),
      "reserved",
      `is in ${refused.cidr} (${refused.what}), which AWS does not give a VPC; allowed: an RFC 1918 block (10.0.0.0/8, ` +
        "172.16.0.0/12, 192.168.0.0/16), 100.64.0.0/10 or a publicly routable block",
    );
  }
}

function checkAzs(input: NetworkInput, get: GetRaw<NetworkSetting>, problems: Problems): readonly string[] {
  const { min, max } = AZ_COUNT_RANGE;
  if (input.azCountIsExplicit && Number.isInteger(input.azCount) && (input.azCount < min || input.azCount > max)) {
    problems.add(get("azCount"), "range", `allowed: ${min} to ${max} (EKS needs subnets in at least two AZs)`);
  }
  if (input.azs.length === 0) return [];
  const pattern = new RegExp(`^${input.region.replace(/[-.]/g, "\\$&")}[a-z]$`);
  const foreign = input.azs.filter((az) => !pattern.test(az));
  if (foreign.length > 0) {
    problems.add(
      get("azs"),
      "conflict",
      `${foreign.join(", ")} ${foreign.length > 1 ? "are not AZs" : "is not an AZ"} of region ${input.region} (allowed: ${input.region}a, ${input.region}b, ...)`,
    );
  }
  if (new Set(input.azs).size !== input.azs.length) {
    problems.add(get("azs"), "repeated", "lists an AZ twice; each AZ gets one subnet and one node group");
  }
  if (input.azs.length < min || input.azs.length > max) {
    problems.add(get("azs"), "range", `lists ${input.azs.length} AZ${input.azs.length === 1 ? "" : "s"}; allowed: ${min} to ${max}`);
  }
  if (input.azCountIsExplicit && input.azCount > input.azs.length) {
    problems.add(get("azCount"), "conflict", `asks for more AZs than azs lists (${input.azs.length}: ${input.azs.join(", ")})`);
  }
  return input.azs.slice(0, input.azCountIsExplicit ? input.azCount : input.azs.length);
}

function checkPrefix(
  input: NetworkInput,
  vpc: Ipv4Network,
  azCount: number,
  privateMode: boolean,
  get: GetRaw<NetworkSetting>,
  problems: Problems,
): boolean {
  const length = input.subnetPrefixLength;
  if (!Number.isInteger(length)) return false;
  // From the shortest prefix that gives each AZ a block (derived private subnets start
  // half-way through the VPC, so in private mode each kind has half of it) to /${SMALLEST}, AWS's minimum.
  const fitting = vpc.prefix + (privateMode ? 1 : 0) + Math.ceil(Math.log2(Math.max(azCount, 1)));
  const where = privateMode ? `half of ${vpc.text} (private mode gives public and private subnets a half each)` : vpc.text;
  const range = fitting < SMALLEST ? `allowed: ${fitting} to ${SMALLEST}` : `allowed: ${SMALLEST}`;
  const noFit = "allowed: a larger vpcCidr, or fewer AZs";
  if (length < vpc.prefix || length > SMALLEST) {
    problems.add(
      get("subnetPrefixLength"),
      "range",
      fitting > SMALLEST
        ? `no prefix fits ${azCount} subnets, one per AZ, in ${where}, /${SMALLEST} being the AWS minimum; ${noFit}`
        : `${range} (${azCount} subnets, one per AZ, in ${where}; /${SMALLEST} is the AWS minimum)`,
    );
    return false;
  }
  const room = 2 ** (length - vpc.prefix) / (privateMode ? 2 : 1);
  if (azCount > room) {
    problems.add(
      get("subnetPrefixLength"),
      "range",
      `${azCount} subnets of /${length}, one per AZ, do not fit in ${where}, which holds ${room}; ` +
        (fitting > SMALLEST ? `/${SMALLEST} is the AWS minimum; ${noFit}` : range),
    );
    return false;
  }
  return true;
}

interface SubnetList {
  readonly name: "publicSubnetCidrs" | "privateSubnetCidrs";
  readonly cidrs: readonly string[];
  readonly explicit: boolean;
}

function checkSubnets(vpc: Ipv4Network, azCount: number, lists: SubnetList[], get: GetRaw<NetworkSetting>, problems: Problems): void {
  const seen: Array<{ net: Ipv4Network; name: string }> = [];
  for (const list of lists) {
    if (list.explicit && list.cidrs.length !== azCount) {
      problems.add(
        get(list.name),
        "range",
        `lists ${list.cidrs.length} CIDR${list.cidrs.length === 1 ? "" : "s"}; allowed: exactly one per AZ (${azCount})`,
      );
    }
    for (const cidr of list.cidrs) {
      const net = parseIpv4Cidr(cidr);
      if (typeof net === "string") {
        problems.add(get(list.name), "format", `${cidr} ${net}`);
        continue;
      }
      if (!contains(vpc, net)) {
        problems.add(get(list.name), "conflict", `${cidr} does not fit inside the VPC ${vpc.text}`);
      } else if (net.prefix > SMALLEST) {
        problems.add(get(list.name), "range", `${cidr} is smaller than /${SMALLEST}, the AWS minimum`);
      }
      const clash = seen.find((other) => overlaps(other.net, net));
      if (clash) {
        problems.add(get(list.name), "conflict", `${cidr} overlaps ${clash.net.text} (${clash.name})`);
      }
      seen.push({ net, name: list.name });
    }
  }
}

/**
 * Refuses a subnet setting written by the user where it has no effect in the mode chosen, rather than ignore it: the user
 * believes it applies.
 */
export function checkUnusedSubnetSettings(
  input: { subnetMode: string; privateSubnetCidrs: readonly string[]; publicSubnetCidrs: readonly string[]; singleNatGateway: boolean },
  get: GetRaw<"privateSubnetCidrs" | "singleNatGateway" | "subnetPrefixLength">,
  problems: Problems,
): void {
  if (input.subnetMode === "public") {
    if (input.privateSubnetCidrs.length > 0) {
      problems.add(
        get("privateSubnetCidrs"),
        "no-effect",
        "has no effect with subnetMode public, which makes no private subnet; allowed: empty, or subnetMode private",
      );
    }
    if (input.singleNatGateway) {
      problems.add(
        get("singleNatGateway"),
        "no-effect",
        "has no effect with subnetMode public, which makes no NAT gateway; allowed: false, or subnetMode private",
      );
    }
  }
  const allExplicit = input.publicSubnetCidrs.length > 0 && (input.subnetMode !== "private" || input.privateSubnetCidrs.length > 0);
  if (allExplicit && written(get("subnetPrefixLength"))) {
    problems.add(
      get("subnetPrefixLength"),
      "no-effect",
      "has no effect: every subnet's CIDR is given explicitly; allowed: the default, or fewer explicit subnet lists",
    );
  }
}
