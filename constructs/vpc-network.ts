import { Construct } from "constructs";
import { Fn, Token, type ITerraformDependable } from "cdktf";
import { DataAwsAvailabilityZone } from "@cdktf/provider-aws/lib/data-aws-availability-zone";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { EKS_REFUSED_ZONE_IDS } from "../config/rules/network";
import type { SubnetMode } from "../config/settings-spec";

export interface VpcNetworkProps {
  /** Cluster name, for the subnet discovery tags. */
  readonly clusterName: string;
  /** The VPC CIDR. */
  readonly vpcCidr: string;
  /**
   * Explicit AZs, each checked at plan against the zone IDs EKS refuses; when empty
   * the first `azCount` available AZs EKS accepts are looked up.
   */
  readonly azs: readonly string[];
  /** Number of AZs; must match the subnet lists. */
  readonly azCount: number;
  /** One public subnet CIDR per AZ. */
  readonly publicSubnetCidrs: readonly string[];
  /** One private subnet CIDR per AZ; unused in public mode. */
  readonly privateSubnetCidrs: readonly string[];
  /** Where the nodes go. */
  readonly subnetMode: SubnetMode;
  /** One NAT gateway for all AZs instead of one per AZ. */
  readonly singleNatGateway: boolean;
}

/**
 * The VPC: one public subnet per AZ behind an internet gateway, and in private
 * mode one private subnet per AZ behind NAT. Subnets carry the tags the AWS
 * load balancer integration uses to find them. The default security group is closed.
 */
export class VpcNetwork extends Construct {
  readonly vpc: Vpc;
  readonly azNames: string[];
  readonly publicSubnets: Subnet[];
  readonly privateSubnets: Subnet[];
  /** The subnets the node groups use, one per AZ, in AZ order. */
  readonly nodeSubnets: Subnet[];
  /**
   * Per node subnet, its association with the route table whose default route
   * leads out (internet gateway, or NAT in private mode), in AZ order. Nodes
   * wait for it, so they boot with a way to EKS and ECR, and Terraform destroys
   * the route, and the NAT gateway or internet gateway behind it, only after them.
   */
  readonly nodeRoutes: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const clusterTag = `kubernetes.io/cluster/${props.clusterName}`;
    this.azNames = this.resolveAzs(props);

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.clusterName },
    });
    // Nothing here uses the default security group (EKS makes its own); managed with no rules, it lets no traffic
    // through to whatever someone later launches into the VPC without choosing a group.
    new DefaultSecurityGroup(this, "default-security-group", { vpcId: this.vpc.id, tags: { Name: `${props.clusterName}-default-closed` } });
    const igw = new InternetGateway(this, "igw", { vpcId: this.vpc.id, tags: { Name: props.clusterName } });
    const publicRoutes = new RouteTable(this, "public-routes", {
      vpcId: this.vpc.id,
      route: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
      tags: { Name: `${props.clusterName}-public` },
    });

    const privateMode = props.subnetMode === "private";
    const publicAssociations: RouteTableAssociation[] = [];
    this.publicSubnets = props.publicSubnetCidrs.map((cidr, i) => {
      const subnet = new Subnet(this, `public-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: this.azNames[i],
        // Nodes in public subnets need public addresses to reach EKS and ECR.
        mapPublicIpOnLaunch: !privateMode,
        tags: { Name: `${props.clusterName}-public-${i}`, "kubernetes.io/role/elb": "1", [clusterTag]: "shared" },
      });
      publicAssociations.push(
        new RouteTableAssociation(this, `public-${i}-routes`, { subnetId: subnet.id, routeTableId: publicRoutes.id }),
      );
      return subnet;
    });

    this.privateSubnets = (privateMode ? props.privateSubnetCidrs : []).map(
      (cidr, i) =>
        new Subnet(this, `private-${i}`, {
          vpcId: this.vpc.id,
          cidrBlock: cidr,
          availabilityZone: this.azNames[i],
          tags: { Name: `${props.clusterName}-private-${i}`, "kubernetes.io/role/internal-elb": "1", [clusterTag]: "shared" },
        }),
    );
    const privateAssociations = this.addNat(props, igw);
    this.nodeSubnets = privateMode ? this.privateSubnets : this.publicSubnets;
    this.nodeRoutes = privateMode ? privateAssociations : publicAssociations;
  }

  private resolveAzs(props: VpcNetworkProps): string[] {
    if (props.azs.length > 0) return props.azs.map((name, i) => this.checkedAz(name, i));
    const available = new DataAwsAvailabilityZones(this, "azs", {
      state: "available",
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      excludeZoneIds: EKS_REFUSED_ZONE_IDS,
      // element() wraps around: without this check two node groups would share an AZ.
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(self.names) >= ${props.azCount}}`,
            errorMessage: `azCount is ${props.azCount}, but this region offers this AWS account only \${length(self.names)} AZs EKS accepts (\${join(", ", self.names)}). Lower azCount.`,
          },
        ],
      },
    });
    return Array.from({ length: props.azCount }, (_, i) => Token.asString(Fn.element(available.names, i)));
  }

  /**
   * An AZ name maps to a zone ID per account, so only the plan can tell whether
   * an explicit AZ is one EKS refuses; the postcondition stops the plan before
   * anything is created. Subnets take the name from here, so they wait for the check.
   */
  private checkedAz(name: string, index: number): string {
    const zone = new DataAwsAvailabilityZone(this, `az-${index}`, {
      name,
      lifecycle: {
        postcondition: [
          {
            condition: `\${!contains(${JSON.stringify(EKS_REFUSED_ZONE_IDS)}, self.zone_id)}`,
            errorMessage: `azs lists \${self.name}, which is zone ID \${self.zone_id} in this AWS account; EKS refuses cluster subnets in ${EKS_REFUSED_ZONE_IDS.join(", ")}. Choose another AZ of the region, or leave azs empty so that the stack skips these zones.`,
          },
        ],
      },
    });
    return zone.name;
  }

  /**
   * Private subnets route through NAT in a public subnet: one per AZ, or one shared to save cost. Returns each
   * private subnet's route table association (whose table holds the route to the NAT gateway).
   */
  private addNat(props: VpcNetworkProps, igw: InternetGateway): RouteTableAssociation[] {
    const gateways: NatGateway[] = [];
    return this.privateSubnets.map((subnet, i) => {
      if (i === 0 || !props.singleNatGateway) {
        const eip = new Eip(this, `nat-${i}-ip`, { domain: "vpc", tags: { Name: `${props.clusterName}-nat-${i}` }, dependsOn: [igw] });
        gateways.push(
          new NatGateway(this, `nat-${i}`, {
            allocationId: eip.id,
            subnetId: this.publicSubnets[i].id,
            tags: { Name: `${props.clusterName}-nat-${i}` },
            dependsOn: [igw],
          }),
        );
      }
      const routes = new RouteTable(this, `private-${i}-routes`, {
        vpcId: this.vpc.id,
        route: [{ cidrBlock: "0.0.0.0/0", natGatewayId: gateways[gateways.length - 1].id }],
        tags: { Name: `${props.clusterName}-private-${i}` },
      });
      return new RouteTableAssociation(this, `private-${i}-assoc`, { subnetId: subnet.id, routeTableId: routes.id });
    });
  }
}
