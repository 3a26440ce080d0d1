import type { AwsResult, AwsRunner } from "../../scripts/lib/aws-cli";
import type { IpPermission } from "../../scripts/lib/load-balancer-sweep";

interface Tag {
  Key: string;
  Value: string;
}

interface FakeLoadBalancer {
  readonly arn: string;
  readonly name: string;
  readonly classic: boolean;
  readonly tags: Tag[];
}

interface FakeGroup {
  readonly id: string;
  readonly name: string;
  readonly tags: Tag[];
  permissions: IpPermission[];
}

/** The security group EKS makes for a cluster and puts on its managed nodes, tagged for the cluster. */
export const CLUSTER_GROUP = "sg-0c1a55e7";

/**
 * An AWS account as the destroy sweep sees it through the CLI: the load balancers, target groups, security groups
 * and network interfaces the in-tree service controller makes for LoadBalancer Services (tagged and described as
 * cloud-provider-aws does), with AWS's refusals (a target group in use, a group still referenced or on an interface)
 * and a deleted load balancer's interfaces lingering for `interfaceLinger` looks.
 */
export class FakeLoadBalancerAccount {
  readonly loadBalancers = new Map<string, FakeLoadBalancer>();
  readonly targetGroups = new Map<string, { name: string; tags: Tag[]; loadBalancerArn: string }>();
  readonly groups = new Map<string, FakeGroup>();
  /** Interface ID -> the load balancer name it serves and whether that load balancer is deleted. */
  readonly interfaces = new Map<string, { description: string; lbName: string; looksLeft?: number }>();
  readonly calls: string[][] = [];
  interfaceLinger = 2;
  private counter = 0;

  constructor(readonly clusterName: string) {
    this.groups.set(CLUSTER_GROUP, {
      id: CLUSTER_GROUP,
      name: `eks-cluster-sg-${clusterName}-1234`,
      tags: [
        { Key: `kubernetes.io/cluster/${clusterName}`, Value: "owned" },
        { Key: "aws:eks:cluster-name", Value: clusterName },
      ],
      // EKS's own rule: the group lets its members talk to each other. Never the sweep's to touch.
      permissions: [{ IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: CLUSTER_GROUP }] }],
    });
  }

  /** What the controller makes for `service` (`namespace/name`) in `cluster`: an NLB by default, else a classic one. */
  addService(service: string, options: { cluster?: string; classic?: boolean; ports?: number[] } = {}): string {
    const cluster = options.cluster ?? this.clusterName;
    const n = (this.counter += 1);
    const name = `a${n}${"0".repeat(31 - String(n).length)}`;
    const tags = [
      { Key: `kubernetes.io/cluster/${cluster}`, Value: "owned" },
      { Key: "kubernetes.io/service-name", Value: service },
    ];
    const arn = `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/${options.classic ? "" : "net/"}${name}/${n}`;
    this.loadBalancers.set(arn, { arn, name, classic: Boolean(options.classic), tags });
    for (const az of ["a", "b", "c"]) {
      this.interfaces.set(`eni-${n}${az}`, { description: options.classic ? `ELB ${name}` : `ELB net/${name}/${n}`, lbName: name });
    }
    // Another cluster's controller opens its own cluster's group, which this account does not model.
    const rules = cluster === this.clusterName ? this.cluster().permissions : [];
    if (options.classic) {
      const groupId = `sg-elb${n}`;
      this.groups.set(groupId, { id: groupId, name: `k8s-elb-${name}`, tags, permissions: [] });
      rules.push({ IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: groupId }] });
      return name;
    }
    for (const port of options.ports ?? [80, 5000]) {
      const tgArn = `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/k8s-${n}-${port}/${n}${port}`;
      this.targetGroups.set(tgArn, { name: `k8s-${n}-${port}`, tags, loadBalancerArn: arn });
      rules.push({
        IpProtocol: "tcp",
        FromPort: 30000 + port,
        ToPort: 30000 + port,
        IpRanges: [{ CidrIp: "0.0.0.0/0", Description: `kubernetes.io/rule/nlb/client=${name}` }],
      });
    }
    rules.push({
      IpProtocol: "icmp",
      FromPort: 3,
      ToPort: 4,
      IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "kubernetes.io/rule/nlb/mtu" }],
    });
    return name;
  }

  /** What the controller does when the Service goes (the workloads stack's destroy): all of it, at once. */
  removeService(name: string): void {
    for (const [arn, lb] of this.loadBalancers) if (lb.name === name) this.loadBalancers.delete(arn);
    for (const [arn, group] of this.targetGroups) if (!this.loadBalancers.has(group.loadBalancerArn)) this.targetGroups.delete(arn);
    for (const [id, eni] of this.interfaces) if (eni.lbName === name) this.interfaces.delete(id);
    this.cluster().permissions = this.cluster().permissions.filter((p) => !JSON.stringify(p).includes(name));
  }

  /** Everything of the controller's still in the account, one line each (empty once the sweep has done its work). */
  remaining(): string[] {
    return [
      ...[...this.loadBalancers.values()].map((lb) => `load balancer ${lb.name}`),
      ...[...this.targetGroups.values()].map((tg) => `target group ${tg.name}`),
      ...[...this.interfaces.keys()].map((id) => `interface ${id}`),
      ...this.cluster()
        .permissions.filter((p) => p.UserIdGroupPairs?.[0]?.GroupId !== CLUSTER_GROUP)
        .map((p) => `rule ${JSON.stringify(p)}`),
      ...[...this.groups.values()].filter((g) => g.id !== CLUSTER_GROUP).map((g) => `security group ${g.name}`),
    ];
  }

  private cluster(): FakeGroup {
    return this.groups.get(CLUSTER_GROUP)!;
  }

  readonly run: AwsRunner = (args) => {
    this.calls.push([...args]);
    const values = (name: string) => {
      const start = args.indexOf(name) + 1;
      const end = args.findIndex((arg, i) => i >= start && arg.startsWith("--"));
      return args.slice(start, end);
    };
    const opt = (name: string) => args[args.indexOf(name) + 1];
    const lbs = [...this.loadBalancers.values()];
    switch (`${args[0]} ${args[1]}`) {
      case "elbv2 describe-load-balancers":
        return ok({ LoadBalancers: lbs.filter((lb) => !lb.classic).map((lb) => ({ LoadBalancerArn: lb.arn, LoadBalancerName: lb.name })) });
      case "elbv2 describe-target-groups":
        return ok({ TargetGroups: [...this.targetGroups].map(([arn, tg]) => ({ TargetGroupArn: arn, TargetGroupName: tg.name })) });
      case "elbv2 describe-tags": {
        const arns = values("--resource-arns");
        if (arns.length > 20) return fail("An error occurred (ValidationError) when calling the DescribeTags operation: too many ARNs");
        const tagsOf = (arn: string) => this.loadBalancers.get(arn)?.tags ?? this.targetGroups.get(arn)?.tags;
        return ok({ TagDescriptions: arns.filter((arn) => tagsOf(arn)).map((arn) => ({ ResourceArn: arn, Tags: tagsOf(arn) })) });
      }
      case "elbv2 delete-load-balancer":
        return this.deleteLoadBalancer(lbs.find((lb) => lb.arn === opt("--load-balancer-arn") && !lb.classic));
      case "elbv2 delete-target-group": {
        const group = this.targetGroups.get(opt("--target-group-arn"));
        if (!group) return fail("An error occurred (TargetGroupNotFound) when calling the DeleteTargetGroup operation: not found");
        if (this.loadBalancers.has(group.loadBalancerArn)) {
          return fail(
            "An error occurred (ResourceInUse) when calling the DeleteTargetGroup operation: Target group is currently in use by a listener",
          );
        }
        this.targetGroups.delete(opt("--target-group-arn"));
        return ok({});
      }
      case "elb describe-load-balancers":
        return ok({ LoadBalancerDescriptions: lbs.filter((lb) => lb.classic).map((lb) => ({ LoadBalancerName: lb.name })) });
      case "elb describe-tags": {
        const names = values("--load-balancer-names");
        return ok({
          TagDescriptions: names.map((name) => ({ LoadBalancerName: name, Tags: lbs.find((lb) => lb.name === name)?.tags ?? [] })),
        });
      }
      case "elb delete-load-balancer":
        return this.deleteLoadBalancer(lbs.find((lb) => lb.name === opt("--load-balancer-name") && lb.classic));
      case "ec2 describe-security-groups": {
        const key = /^Name=tag-key,Values=(.+)$/.exec(opt("--filters"))?.[1];
        const groups = [...this.groups.values()].filter((g) => g.tags.some((tag) => tag.Key === key));
        return ok({ SecurityGroups: groups.map((g) => ({ GroupId: g.id, GroupName: g.name, IpPermissions: g.permissions })) });
      }
      case "ec2 revoke-security-group-ingress":
        return this.revoke(opt("--group-id"), JSON.parse(opt("--ip-permissions")));
      case "ec2 delete-security-group":
        return this.deleteGroup(opt("--group-id"));
      case "ec2 describe-network-interfaces":
        return ok({ NetworkInterfaces: this.lookAtInterfaces(opt("--filters")) });
      default:
        return { status: 252, stdout: "", stderr: `fake aws: unexpected command ${args.join(" ")}` };
    }
  };

  private deleteLoadBalancer(lb: FakeLoadBalancer | undefined): AwsResult {
    // Deleting a load balancer that is gone succeeds, as the Elastic Load Balancing API says.
    if (!lb) return ok({});
    this.loadBalancers.delete(lb.arn);
    for (const eni of this.interfaces.values()) if (eni.lbName === lb.name) eni.looksLeft = this.interfaceLinger;
    return ok({});
  }

  /** The interfaces whose description matches one of the filter's values (`*` as EC2's wildcard); deleted ones fade. */
  private lookAtInterfaces(filter: string): Array<{ NetworkInterfaceId: string; Description: string }> {
    const patterns = (/^Name=description,Values=(.+)$/.exec(filter)?.[1] ?? "")
      .split(",")
      .map((value) => new RegExp(`^${value.replace(/[.+?^${}()|[\]\\/]/g, "\\$&").replace(/\*/g, ".*")}$`));
    const found: Array<{ NetworkInterfaceId: string; Description: string }> = [];
    for (const [id, eni] of this.interfaces) {
      if (!patterns.some((pattern) => pattern.test(eni.description))) continue;
      if (eni.looksLeft !== undefined) {
        if (eni.looksLeft <= 0) {
          this.interfaces.delete(id);
          continue;
        }
        eni.looksLeft -= 1;
      }
      found.push({ NetworkInterfaceId: id, Description: eni.description });
    }
    return found;
  }

  private revoke(groupId: string, permissions: IpPermission[]): AwsResult {
    const group = this.groups.get(groupId);
    if (!group) return fail(`An error occurred (InvalidGroup.NotFound) when calling the RevokeSecurityGroupIngress operation: ${groupId}`);
    const key = (p: IpPermission) => JSON.stringify({ ...p, IpRanges: p.IpRanges?.map((r) => ({ CidrIp: r.CidrIp })) });
    const revoked = new Set(permissions.map(key));
    group.permissions = group.permissions.filter((p) => !revoked.has(key(p)));
    return ok({ Return: true });
  }

  private deleteGroup(groupId: string): AwsResult {
    const group = this.groups.get(groupId);
    if (!group) return fail(`An error occurred (InvalidGroup.NotFound) when calling the DeleteSecurityGroup operation: ${groupId}`);
    const referenced = [...this.groups.values()].some((g) =>
      g.permissions.some((p) => p.UserIdGroupPairs?.some((pair) => pair.GroupId === groupId)),
    );
    const inUse = [...this.interfaces.values()].some((eni) => group.name === `k8s-elb-${eni.lbName}`);
    if (referenced || inUse) {
      return fail(
        `An error occurred (DependencyViolation) when calling the DeleteSecurityGroup operation: resource ${groupId} has a dependent object`,
      );
    }
    this.groups.delete(groupId);
    return ok({});
  }
}

function ok(body: unknown): AwsResult {
  return { status: 0, stdout: JSON.stringify(body), stderr: "" };
}

function fail(line: string): AwsResult {
  return { status: 254, stdout: "", stderr: `\n${line}\n` };
}
