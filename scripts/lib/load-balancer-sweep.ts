import { waitFor } from "../../lib/poll";
import type { AwsRunner } from "./aws-cli";
import { awsError, awsJson, isNotFound } from "./aws-cli";

/** The cluster whose load balancers are looked for, and where. */
export interface SweepTarget {
  readonly clusterName: string;
  readonly region: string;
}

interface Tag {
  readonly Key: string;
  readonly Value?: string;
}

interface IpRange {
  readonly CidrIp?: string;
  readonly CidrIpv6?: string;
  readonly Description?: string;
}

/** One ingress permission as `describe-security-groups` gives it and `revoke-security-group-ingress` takes it. */
export interface IpPermission {
  readonly IpProtocol: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly IpRanges?: IpRange[];
  readonly Ipv6Ranges?: IpRange[];
  readonly UserIdGroupPairs?: Array<{ readonly GroupId?: string; readonly Description?: string }>;
}

/** What the Kubernetes service controller left in AWS for one cluster. */
export interface ControllerLeftovers {
  /** Network (and any other elbv2) load balancers: ARN and name. */
  readonly loadBalancers: ReadonlyArray<{ readonly arn: string; readonly name: string; readonly service?: string }>;
  /** Classic load balancers, by name. */
  readonly classicLoadBalancers: ReadonlyArray<{ readonly name: string; readonly service?: string }>;
  readonly targetGroups: ReadonlyArray<{ readonly arn: string; readonly name: string }>;
  /** Ingress rules the controller added, per security group (the cluster's, which the nodes use, or its own). */
  readonly rules: ReadonlyArray<{ readonly groupId: string; readonly permissions: IpPermission[] }>;
  /** Security groups the controller created for its load balancers. */
  readonly securityGroups: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

/**
 * cloud-provider-aws tags what it creates for a LoadBalancer Service with `kubernetes.io/cluster/<cluster>` = `owned`
 * and `kubernetes.io/service-name` = `<namespace>/<name>` (pkg/providers/v1/tags.go, `buildTags`;
 * aws_loadbalancer.go, `ensureLoadBalancerv2` and `ensureTargetGroup`), names its security groups `k8s-…`
 * (aws.go: `k8s-elb-<lb>` for a classic one, `GetSecurityGroupNameForNLB` for an NLB) and marks the rules it adds
 * to the nodes' security group by their description, `kubernetes.io/rule/nlb/{client,health,mtu}` (aws.go).
 */
const clusterTag = (target: SweepTarget) => `kubernetes.io/cluster/${target.clusterName}`;
const SERVICE_TAG = "kubernetes.io/service-name";
const NLB_RULE_PREFIX = "kubernetes.io/rule/nlb/";
const CONTROLLER_GROUP_PREFIX = "k8s-";
/** elbv2 and elb `describe-tags` take at most 20 resources per call (Elastic Load Balancing API reference). */
const TAGS_PER_CALL = 20;

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}

const tagValue = (tags: readonly Tag[] | undefined, key: string) => tags?.find((tag) => tag.Key === key)?.Value;

/** The elbv2 resources (load balancers or target groups) by ARN whose tags carry the cluster's tag. */
function taggedElbv2(aws: AwsRunner, target: SweepTarget, arns: readonly string[]): Map<string, Tag[]> {
  const tagged = new Map<string, Tag[]>();
  for (const batch of chunks(arns, TAGS_PER_CALL)) {
    const answer = awsJson(aws, ["elbv2", "describe-tags", "--resource-arns", ...batch, "--region", target.region]) as {
      TagDescriptions?: Array<{ ResourceArn: string; Tags?: Tag[] }>;
    };
    for (const description of answer.TagDescriptions ?? []) {
      if (tagValue(description.Tags, clusterTag(target)) !== undefined) tagged.set(description.ResourceArn, description.Tags ?? []);
    }
  }
  return tagged;
}

function findLoadBalancers(aws: AwsRunner, target: SweepTarget): ControllerLeftovers["loadBalancers"] {
  const answer = awsJson(aws, ["elbv2", "describe-load-balancers", "--region", target.region]) as {
    LoadBalancers?: Array<{ LoadBalancerArn: string; LoadBalancerName: string }>;
  };
  const all = answer.LoadBalancers ?? [];
  const tagged = taggedElbv2(
    aws,
    target,
    all.map((lb) => lb.LoadBalancerArn),
  );
  return all
    .filter((lb) => tagged.has(lb.LoadBalancerArn))
    .map((lb) => ({ arn: lb.LoadBalancerArn, name: lb.LoadBalancerName, service: tagValue(tagged.get(lb.LoadBalancerArn), SERVICE_TAG) }));
}

function findClassicLoadBalancers(aws: AwsRunner, target: SweepTarget): ControllerLeftovers["classicLoadBalancers"] {
  const answer = awsJson(aws, ["elb", "describe-load-balancers", "--region", target.region]) as {
    LoadBalancerDescriptions?: Array<{ LoadBalancerName: string }>;
  };
  const found: Array<{ name: string; service?: string }> = [];
  for (const batch of chunks(
    (answer.LoadBalancerDescriptions ?? []).map((lb) => lb.LoadBalancerName),
    TAGS_PER_CALL,
  )) {
    const tags = awsJson(aws, ["elb", "describe-tags", "--load-balancer-names", ...batch, "--region", target.region]) as {
      TagDescriptions?: Array<{ LoadBalancerName: string; Tags?: Tag[] }>;
    };
    for (const description of tags.TagDescriptions ?? []) {
      if (tagValue(description.Tags, clusterTag(target)) !== undefined) {
        found.push({ name: description.LoadBalancerName, service: tagValue(description.Tags, SERVICE_TAG) });
      }
    }
  }
  return found;
}

function findTargetGroups(aws: AwsRunner, target: SweepTarget): ControllerLeftovers["targetGroups"] {
  const answer = awsJson(aws, ["elbv2", "describe-target-groups", "--region", target.region]) as {
    TargetGroups?: Array<{ TargetGroupArn: string; TargetGroupName: string }>;
  };
  const all = answer.TargetGroups ?? [];
  const tagged = taggedElbv2(
    aws,
    target,
    all.map((group) => group.TargetGroupArn),
  );
  return all
    .filter((group) => tagged.has(group.TargetGroupArn))
    .map((group) => ({ arn: group.TargetGroupArn, name: group.TargetGroupName }));
}

/** The parts of a permission the controller added: NLB rules by description, rules naming one of its own groups. */
function controllerParts(permission: IpPermission, controllerGroups: ReadonlySet<string>): IpPermission | undefined {
  const byDescription = (range: IpRange) => (range.Description ?? "").startsWith(NLB_RULE_PREFIX);
  const ipRanges = (permission.IpRanges ?? []).filter(byDescription);
  const ipv6Ranges = (permission.Ipv6Ranges ?? []).filter(byDescription);
  const pairs = (permission.UserIdGroupPairs ?? []).filter((pair) => controllerGroups.has(pair.GroupId ?? ""));
  if (ipRanges.length + ipv6Ranges.length + pairs.length === 0) return undefined;
  return {
    IpProtocol: permission.IpProtocol,
    ...(permission.FromPort === undefined ? {} : { FromPort: permission.FromPort, ToPort: permission.ToPort }),
    ...(ipRanges.length ? { IpRanges: ipRanges } : {}),
    ...(ipv6Ranges.length ? { Ipv6Ranges: ipv6Ranges } : {}),
    ...(pairs.length ? { UserIdGroupPairs: pairs.map((pair) => ({ GroupId: pair.GroupId })) } : {}),
  };
}

/** The security groups tagged for the cluster: EKS's cluster group (on every node here) and the controller's own. */
function findSecurityGroupParts(aws: AwsRunner, target: SweepTarget): Pick<ControllerLeftovers, "rules" | "securityGroups"> {
  const answer = awsJson(aws, [
    "ec2",
    "describe-security-groups",
    "--filters",
    `Name=tag-key,Values=${clusterTag(target)}`,
    "--region",
    target.region,
  ]) as { SecurityGroups?: Array<{ GroupId: string; GroupName: string; IpPermissions?: IpPermission[] }> };
  const groups = answer.SecurityGroups ?? [];
  const securityGroups = groups
    .filter((group) => group.GroupName.startsWith(CONTROLLER_GROUP_PREFIX))
    .map((group) => ({ id: group.GroupId, name: group.GroupName }));
  const controllerIds = new Set(securityGroups.map((group) => group.id));
  const rules = groups
    .filter((group) => !controllerIds.has(group.GroupId))
    .map((group) => ({
      groupId: group.GroupId,
      permissions: (group.IpPermissions ?? []).flatMap((permission) => controllerParts(permission, controllerIds) ?? []),
    }))
    .filter((group) => group.permissions.length > 0);
  return { rules, securityGroups };
}

/** Everything the service controller made for the cluster's LoadBalancer Services that is still in the account. */
export function findControllerLeftovers(aws: AwsRunner, target: SweepTarget): ControllerLeftovers {
  return {
    loadBalancers: findLoadBalancers(aws, target),
    classicLoadBalancers: findClassicLoadBalancers(aws, target),
    targetGroups: findTargetGroups(aws, target),
    ...findSecurityGroupParts(aws, target),
  };
}

/** One line per thing found, for the user; none when nothing is left. */
export function describeLeftovers(found: ControllerLeftovers): string[] {
  const service = (name?: string) => (name ? ` (Service ${name})` : "");
  return [
    ...found.loadBalancers.map((lb) => `load balancer ${lb.name}${service(lb.service)}`),
    ...found.classicLoadBalancers.map((lb) => `classic load balancer ${lb.name}${service(lb.service)}`),
    ...found.targetGroups.map((group) => `target group ${group.name}`),
    ...found.rules.map((group) => `${group.permissions.length} ingress rule(s) the controller added to ${group.groupId}`),
    ...found.securityGroups.map((group) => `security group ${group.id} (${group.name})`),
  ];
}

const isEmpty = (found: ControllerLeftovers) => describeLeftovers(found).length === 0;

/** Runs a delete that may find its target already gone (the controller deleting it at the same time). */
function deleteIfThere(aws: AwsRunner, args: readonly string[]): void {
  const result = aws(args);
  if (result.status !== 0 && !isNotFound(result) && !/NotFound/.test(result.stderr)) throw awsError(args, result);
}

/**
 * The network interfaces Elastic Load Balancing made for these load balancers: EC2 describes them as
 * `ELB net/<name>/<id>` for a Network Load Balancer (ELB user guide for Network Load Balancers, "Availability
 * Zones") and `ELB <name>` for a classic one.
 */
function loadBalancerInterfaces(aws: AwsRunner, target: SweepTarget, found: ControllerLeftovers): string[] {
  const descriptions = [
    ...found.loadBalancers.map((lb) => `ELB net/${lb.name}/*`),
    ...found.classicLoadBalancers.map((lb) => `ELB ${lb.name}`),
  ];
  if (descriptions.length === 0) return [];
  const answer = awsJson(aws, [
    "ec2",
    "describe-network-interfaces",
    "--filters",
    `Name=description,Values=${descriptions.join(",")}`,
    "--region",
    target.region,
  ]) as { NetworkInterfaces?: Array<{ NetworkInterfaceId: string }> };
  return (answer.NetworkInterfaces ?? []).map((eni) => eni.NetworkInterfaceId);
}

export interface SweepTimes {
  /** How long to wait for the load balancers' network interfaces to go once the load balancers are deleted. */
  readonly interfacesTimeoutMs: number;
  readonly intervalMs: number;
}

/**
 * Deletes what `findControllerLeftovers` found, in the order AWS allows: the load balancers (deleting one deletes
 * its listeners: ELB user guide, "Delete a Network Load Balancer"), then, once their network interfaces are gone, the target groups, the controller's rules
 * and its security groups (a group in use by an interface cannot be deleted). Returns a line per step.
 */
export async function deleteControllerLeftovers(
  aws: AwsRunner,
  target: SweepTarget,
  found: ControllerLeftovers,
  times: SweepTimes,
): Promise<string[]> {
  if (isEmpty(found)) return [];
  const region = ["--region", target.region];
  const lines: string[] = [];
  for (const lb of found.loadBalancers) deleteIfThere(aws, ["elbv2", "delete-load-balancer", "--load-balancer-arn", lb.arn, ...region]);
  for (const lb of found.classicLoadBalancers)
    deleteIfThere(aws, ["elb", "delete-load-balancer", "--load-balancer-name", lb.name, ...region]);
  const lbCount = found.loadBalancers.length + found.classicLoadBalancers.length;
  if (lbCount > 0) {
    lines.push(`deleted ${lbCount} load balancer(s) and their listeners`);
    const waited = await waitFor(
      "the load balancers' network interfaces to be released",
      () => {
        const left = loadBalancerInterfaces(aws, target, found);
        return left.length === 0 || `${left.length} left: ${left.join(", ")}`;
      },
      times.interfacesTimeoutMs,
      times.intervalMs,
    );
    lines.push(`their network interfaces are gone (after ${Math.round(waited / 1000)} s)`);
  }
  for (const group of found.targetGroups) deleteIfThere(aws, ["elbv2", "delete-target-group", "--target-group-arn", group.arn, ...region]);
  if (found.targetGroups.length > 0) lines.push(`deleted ${found.targetGroups.length} target group(s)`);
  for (const group of found.rules) {
    deleteIfThere(aws, [
      "ec2",
      "revoke-security-group-ingress",
      "--group-id",
      group.groupId,
      "--ip-permissions",
      JSON.stringify(group.permissions),
      ...region,
    ]);
    lines.push(`revoked ${group.permissions.length} ingress rule(s) from ${group.groupId}`);
  }
  for (const group of found.securityGroups) deleteIfThere(aws, ["ec2", "delete-security-group", "--group-id", group.id, ...region]);
  if (found.securityGroups.length > 0) lines.push(`deleted ${found.securityGroups.length} security group(s)`);
  return lines;
}
