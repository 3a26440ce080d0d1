import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import type { VpcNetworkProps } from "../../constructs/vpc-network";
import { VpcNetwork } from "../../constructs/vpc-network";
import { byId, only, ref, synthScope } from "../helpers/synth-scope";

const PUBLIC = ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"];
const PRIVATE = ["10.0.128.0/24", "10.0.129.0/24", "10.0.130.0/24"];
/** Public mode, AZs looked up: what the settings give when nothing is set. */
const PUBLIC_MODE: VpcNetworkProps = {
  clusterName: "demo",
  vpcCidr: "10.0.0.0/16",
  azs: [],
  azCount: 3,
  publicSubnetCidrs: PUBLIC,
  privateSubnetCidrs: [],
  subnetMode: "public",
  singleNatGateway: false,
};
const PRIVATE_MODE: VpcNetworkProps = {
  ...PUBLIC_MODE,
  azs: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  privateSubnetCidrs: PRIVATE,
  subnetMode: "private",
};

function synthNetwork(props: VpcNetworkProps) {
  let network: VpcNetwork | undefined;
  const synthesized = synthScope((scope) => {
    network = new VpcNetwork(scope, "network", props);
  });
  const tf = synthesized.tf;
  const subnetId = (name: string): string => byId(tf, "aws_subnet").find(([id]) => id.startsWith(`network_${name}_`))![0];
  /** The route table's default route, by the subnet it is associated with. */
  const defaultRouteOf = (subnet: string) => {
    const association = byId(tf, "aws_route_table_association")
      .map(([, a]) => a)
      .find((a) => a.subnet_id === ref("aws_subnet", subnetId(subnet), "id"));
    const [, table] = byId(tf, "aws_route_table").find(([id]) => association.route_table_id === ref("aws_route_table", id, "id"))!;
    return table.route.find((route: { cidr_block: string }) => route.cidr_block === "0.0.0.0/0");
  };
  return { ...synthesized, network: network!, subnetId, defaultRouteOf };
}

describe("VpcNetwork in public mode, AZs looked up", () => {
  it("creates a VPC with DNS support and hostnames, named after the cluster", () => {
    expect(synthNetwork(PUBLIC_MODE).json).toHaveResourceWithProperties(Vpc, {
      cidr_block: "10.0.0.0/16",
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: "demo" },
    });
  });

  it("creates one public subnet per AZ, with public addresses, tagged for load balancers and the cluster, routed to the internet gateway", () => {
    const { tf, defaultRouteOf, network } = synthNetwork(PUBLIC_MODE);
    const [vpcId] = only(tf, "aws_vpc");
    const [igwId] = only(tf, "aws_internet_gateway");
    const subnets = byId(tf, "aws_subnet").map(([, s]) => s);
    expect(subnets.map((s) => s.cidr_block)).toEqual(PUBLIC);
    for (const [i, subnet] of subnets.entries()) {
      expect(subnet).toMatchObject({
        vpc_id: ref("aws_vpc", vpcId, "id"),
        map_public_ip_on_launch: true,
        tags: { Name: `demo-public-${i}`, "kubernetes.io/role/elb": "1", "kubernetes.io/cluster/demo": "shared" },
      });
      expect(defaultRouteOf(`public-${i}`).gateway_id).toBe(ref("aws_internet_gateway", igwId, "id"));
    }
    expect(only(tf, "aws_internet_gateway")[1]).toEqual({ vpc_id: ref("aws_vpc", vpcId, "id"), tags: { Name: "demo" } });
    expect(byId(tf, "aws_route_table").map(([, t]) => t.tags)).toEqual([{ Name: "demo-public" }]);
    expect(network.nodeSubnets).toBe(network.publicSubnets);
    expect(network.privateSubnets).toEqual([]);
  });

  it("looks up the first azCount AZs EKS accepts, and fails the plan when the region has fewer", () => {
    const { tf } = synthNetwork(PUBLIC_MODE);
    const [lookupId, lookup] = only(tf, "aws_availability_zones", true);
    expect(lookup).toEqual({
      state: "available",
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      exclude_zone_ids: ["use1-az3", "usw1-az2", "cac1-az3"],
      lifecycle: {
        postcondition: [
          { condition: "${length(self.names) >= 3}", error_message: expect.stringMatching(/^azCount is 3, but this region offers/) },
        ],
      },
    });
    expect(byId(tf, "aws_subnet").map(([, s]) => s.availability_zone)).toEqual(
      [0, 1, 2].map((i) => `\${element(data.aws_availability_zones.${lookupId}.names, ${i})}`),
    );
    expect(tf.data!.aws_availability_zone).toBeUndefined();
  });

  it("creates no NAT gateway, and ignores private subnet CIDRs", () => {
    const { tf } = synthNetwork({ ...PUBLIC_MODE, privateSubnetCidrs: PRIVATE, singleNatGateway: true });
    expect(tf.resource.aws_nat_gateway).toBeUndefined();
    expect(tf.resource.aws_eip).toBeUndefined();
    expect(byId(tf, "aws_subnet")).toHaveLength(3);
  });

  it("closes the VPC's default security group: managed, with no rule", () => {
    const { json, tf } = synthNetwork(PUBLIC_MODE);
    expect(json).toHaveResourceWithProperties(DefaultSecurityGroup, { tags: { Name: "demo-default-closed" } });
    const [vpcId] = only(tf, "aws_vpc");
    expect(only(tf, "aws_default_security_group")[1]).toEqual({
      vpc_id: ref("aws_vpc", vpcId, "id"),
      tags: { Name: "demo-default-closed" },
    });
  });
});

describe("VpcNetwork in private mode with explicit AZs, a NAT gateway per AZ", () => {
  it("checks each explicit AZ at plan against the zone IDs EKS refuses, and looks none up", () => {
    const { tf } = synthNetwork(PRIVATE_MODE);
    expect(tf.data?.aws_availability_zones).toBeUndefined();
    const zones = byId(tf, "aws_availability_zone", true);
    expect(zones.map(([, zone]) => zone.name)).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    for (const [, zone] of zones) {
      expect(zone.lifecycle.postcondition).toEqual([
        {
          condition: '${!contains(["use1-az3","usw1-az2","cac1-az3"], self.zone_id)}',
          error_message:
            "azs lists ${self.name}, which is zone ID ${self.zone_id} in this AWS account; EKS refuses cluster subnets in " +
            "use1-az3, usw1-az2, cac1-az3. Choose another AZ of the region, or leave azs empty so that the stack skips these zones.",
        },
      ]);
    }
    // The subnets wait for the check: they take the AZ's name from the data source.
    const subnets = byId(tf, "aws_subnet").map(([, s]) => s);
    expect(subnets.map((s) => s.availability_zone)).toEqual(
      [...zones, ...zones].map(([id]) => ref("data.aws_availability_zone", id, "name")),
    );
  });

  it("adds a private subnet per AZ, without public addresses, tagged for internal load balancers, for the nodes", () => {
    const { tf, network } = synthNetwork(PRIVATE_MODE);
    const subnets = byId(tf, "aws_subnet").map(([, s]) => s);
    expect(subnets.filter((s) => s.map_public_ip_on_launch === true)).toEqual([]);
    const privateSubnets = subnets.filter((s) => s.tags["kubernetes.io/role/internal-elb"] === "1");
    expect(privateSubnets.map((s) => s.cidr_block)).toEqual(PRIVATE);
    expect(privateSubnets.map((s) => s.tags)).toEqual(
      [0, 1, 2].map((i) => ({
        Name: `demo-private-${i}`,
        "kubernetes.io/role/internal-elb": "1",
        "kubernetes.io/cluster/demo": "shared",
      })),
    );
    expect(network.nodeSubnets).toBe(network.privateSubnets);
    expect(network.privateSubnets).toHaveLength(3);
  });

  it("routes each private subnet through the NAT gateway in the public subnet of its own AZ", () => {
    const { tf, subnetId, defaultRouteOf } = synthNetwork(PRIVATE_MODE);
    const [igwId] = only(tf, "aws_internet_gateway");
    const gateways = byId(tf, "aws_nat_gateway");
    expect(gateways).toHaveLength(3);
    expect(
      byId(tf, "aws_route_table")
        .map(([, t]) => t.tags.Name)
        .sort(),
    ).toEqual(["demo-private-0", "demo-private-1", "demo-private-2", "demo-public"]);
    for (let i = 0; i < 3; i++) {
      const [gatewayId, gateway] = gateways.find(([, g]) => g.subnet_id === ref("aws_subnet", subnetId(`public-${i}`), "id"))!;
      expect(defaultRouteOf(`private-${i}`).nat_gateway_id).toBe(ref("aws_nat_gateway", gatewayId, "id"));
      const [eipId, eip] = byId(tf, "aws_eip").find(([id]) => gateway.allocation_id === ref("aws_eip", id, "id"))!;
      expect(eipId).toMatch(new RegExp(`^network_nat-${i}-ip_`));
      // An address and a gateway need the internet gateway to be usable; destroy removes them before it.
      expect(eip).toMatchObject({ domain: "vpc", depends_on: [`aws_internet_gateway.${igwId}`], tags: { Name: `demo-nat-${i}` } });
      expect(gateway.tags).toEqual({ Name: `demo-nat-${i}` });
      expect(gateway.depends_on).toEqual([`aws_internet_gateway.${igwId}`]);
    }
  });
});

describe("VpcNetwork in private mode with one NAT gateway", () => {
  it("routes every private subnet through the one gateway, in the first AZ's public subnet", () => {
    const { tf, subnetId, defaultRouteOf } = synthNetwork({ ...PRIVATE_MODE, singleNatGateway: true });
    const [gatewayId, gateway] = only(tf, "aws_nat_gateway");
    only(tf, "aws_eip");
    expect(gateway.subnet_id).toBe(ref("aws_subnet", subnetId("public-0"), "id"));
    expect([0, 1, 2].map((i) => defaultRouteOf(`private-${i}`).nat_gateway_id)).toEqual(
      Array(3).fill(ref("aws_nat_gateway", gatewayId, "id")),
    );
  });
});
