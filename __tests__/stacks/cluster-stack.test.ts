import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { resourcesOf, synthCluster } from "../helpers/synth";
import { EXPLICIT_AZS } from "../helpers/settings";

describe("ClusterStack with defaults (public mode, 3 AZs)", () => {
  const { json, tf } = synthCluster();

  it("creates a VPC with DNS support and hostnames", () => {
    expect(json).toHaveResourceWithProperties(Vpc, { cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  it("creates one public subnet per AZ, tagged for load balancers and the cluster", () => {
    const subnets = resourcesOf(tf, "aws_subnet");
    expect(subnets).toHaveLength(3);
    for (const subnet of subnets) {
      expect(subnet.map_public_ip_on_launch).toBe(true);
      expect(subnet.tags).toMatchObject({ "kubernetes.io/role/elb": "1", "kubernetes.io/cluster/eks-haproxy-poc": "shared" });
    }
  });

  it("looks the AZs up when none are given", () => {
    expect(tf.data?.aws_availability_zones).toBeDefined();
    expect(resourcesOf(tf, "aws_subnet")[2].availability_zone).toMatch(/element\(data\.aws_availability_zones\..*\.names, 2\)/);
  });

  it("creates no NAT gateway", () => {
    expect(json).not.toHaveResource(NatGateway);
  });

  it("creates the cluster with API authentication and the creator as admin", () => {
    expect(json).toHaveResourceWithProperties(EksCluster, {
      name: "eks-haproxy-poc",
      version: "1.35",
      bootstrap_self_managed_addons: false,
      access_config: { authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: true },
      enabled_cluster_log_types: ["api", "audit", "authenticator"],
    });
    expect(json).not.toHaveResource(EksAccessEntry);
  });

  it("encrypts Secrets with a rotating KMS key", () => {
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    const cluster = resourcesOf(tf, "aws_eks_cluster")[0];
    expect(cluster.encryption_config).toEqual({ resources: ["secrets"], provider: { key_arn: expect.stringMatching(/aws_kms_key\..*\.arn/) } });
  });

  it("lets the cluster role use the Secrets key, and only that key", () => {
    const inline = resourcesOf(tf, "aws_iam_role_policy")[0];
    expect(JSON.parse(inline.policy).Statement).toEqual([expect.objectContaining({
      Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
      Resource: expect.stringMatching(/aws_kms_key\..*\.arn/),
    })]);
    expect(inline.role).toMatch(/aws_iam_role\.control-plane_role_.*\.name/);
  });

  it("restricts the public endpoint to the allowlist and turns private access on", () => {
    const cluster = resourcesOf(tf, "aws_eks_cluster")[0];
    expect(cluster.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ["0.0.0.0/0"] });
  });

  it("owns the control plane log group so destroy removes it", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/eks/eks-haproxy-poc/cluster", retention_in_days: 7 });
  });

  it("gives the cluster and node roles their managed policies", () => {
    const policies = resourcesOf(tf, "aws_iam_role_policy_attachment").map((a) => a.policy_arn.replace(/^.*policy\//, ""));
    expect(policies.sort()).toEqual([
      "AmazonEC2ContainerRegistryReadOnly", "AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController",
      "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy",
    ]);
  });

  it("installs the four managed add-ons, coredns after the nodes", () => {
    const addons = resourcesOf(tf, "aws_eks_addon");
    expect(addons.map((a) => a.addon_name).sort()).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    const coredns = addons.find((a) => a.addon_name === "coredns");
    expect(coredns.depends_on).toHaveLength(3);
    expect(coredns.depends_on.every((d: string) => d.startsWith("aws_eks_node_group."))).toBe(true);
    expect(json).toHaveResourceWithProperties(EksAddon, { addon_name: "vpc-cni", resolve_conflicts_on_create: "OVERWRITE" });
  });

  it("creates one node group per AZ, each in its own subnet, after the networking add-ons", () => {
    const groups = resourcesOf(tf, "aws_eks_node_group");
    expect(groups).toHaveLength(3);
    const subnets = groups.map((g) => g.subnet_ids);
    expect(subnets.every((ids) => ids.length === 1)).toBe(true);
    expect(new Set(subnets.map((ids) => ids[0])).size).toBe(3);
    expect(groups[0].depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_eks_addon\..*vpc-cni/)]));
    expect(json).toHaveResourceWithProperties(EksNodeGroup, {
      instance_types: ["t3.medium"],
      ami_type: "AL2023_x86_64_STANDARD",
      scaling_config: { desired_size: 1, min_size: 1, max_size: 2 },
      update_config: { max_unavailable: 1 },
    });
  });

  it("requires IMDSv2 with a hop limit of 2 so pods reach instance metadata", () => {
    expect(json).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 2 },
    });
  });

  it("outputs what a user and the workloads stack need", () => {
    expect(Object.keys(tf.output).sort()).toEqual(["cluster_endpoint", "cluster_name", "kubeconfig_command", "node_availability_zones", "region"]);
    expect(tf.output.kubeconfig_command.value).toMatch(/^aws eks update-kubeconfig --region us-east-1 --name \$\{aws_eks_cluster\./);
  });

  it("outputs the AZs of the node groups' subnets, for npm run verify", () => {
    const nodeSubnets = resourcesOf(tf, "aws_eks_node_group").map((group) => group.subnet_ids[0].match(/^\$\{(aws_subnet\.[^.]+)\.id\}$/)[1]);
    expect(tf.output.node_availability_zones.value).toEqual(nodeSubnets.map((subnet: string) => `\${${subnet}.availability_zone}`));
  });

  it("keeps state in a local file", () => {
    expect(tf.terraform.backend.local.path).toMatch(/terraform\.eks-cluster\.tfstate$/);
  });

  it("tags everything through the provider's default tags", () => {
    expect(JSON.parse(json).provider.aws[0].default_tags).toEqual([{ tags: { Project: "eks-haproxy-poc", ManagedBy: "cdktf" } }]);
  });
});

describe("ClusterStack in private mode with 2 explicit AZs", () => {
  const { json, tf } = synthCluster({ EKS_POC_SUBNET_MODE: "private", EKS_POC_AZS: "us-east-1b,us-east-1d" });

  it("adds one private subnet per AZ, tagged for internal load balancers", () => {
    const subnets = resourcesOf(tf, "aws_subnet");
    expect(subnets).toHaveLength(4);
    const privateSubnets = subnets.filter((s) => s.tags["kubernetes.io/role/internal-elb"] === "1");
    expect(privateSubnets.map((s) => [s.availability_zone, s.cidr_block])).toEqual([
      ["us-east-1b", "10.0.128.0/24"], ["us-east-1d", "10.0.129.0/24"],
    ]);
    expect(subnets.some((s) => s.map_public_ip_on_launch === true)).toBe(false);
  });

  it("uses the explicit AZs without a lookup", () => {
    expect(tf.data?.aws_availability_zones).toBeUndefined();
  });

  it("routes each private subnet through a NAT gateway of its own", () => {
    expect(resourcesOf(tf, "aws_nat_gateway")).toHaveLength(2);
    expect(resourcesOf(tf, "aws_eip")).toHaveLength(2);
  });

  it("puts the node groups in the private subnets", () => {
    const groups = resourcesOf(tf, "aws_eks_node_group");
    expect(groups).toHaveLength(2);
    expect(groups.map((g) => g.subnet_ids[0])).toEqual([
      expect.stringMatching(/aws_subnet\.network_private-0_/), expect.stringMatching(/aws_subnet\.network_private-1_/),
    ]);
  });

  it("shares one NAT gateway when asked to", () => {
    const single = synthCluster({ EKS_POC_SUBNET_MODE: "private", EKS_POC_SINGLE_NAT_GATEWAY: "true", ...EXPLICIT_AZS });
    expect(resourcesOf(single.tf, "aws_nat_gateway")).toHaveLength(1);
    expect(resourcesOf(single.tf, "aws_route_table")).toHaveLength(4);
    expect(json).toHaveResource(Subnet);
  });
});

describe("ClusterStack with custom settings", () => {
  it("creates as many node groups as AZs", () => {
    const { tf } = synthCluster({ EKS_POC_AZ_COUNT: "5" });
    expect(resourcesOf(tf, "aws_eks_node_group")).toHaveLength(5);
    expect(resourcesOf(tf, "aws_subnet")).toHaveLength(5);
  });

  it("passes node sizes, types, hop limit and allowlist through", () => {
    const { json, tf } = synthCluster({
      EKS_POC_NODE_INSTANCE_TYPES: "m6i.large,m5.large", EKS_POC_NODE_MAX_SIZE: "3", EKS_POC_NODE_DESIRED_SIZE: "2",
      EKS_POC_IMDS_HOP_LIMIT: "1", EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS: "203.0.113.0/24",
    });
    expect(json).toHaveResourceWithProperties(EksNodeGroup, { instance_types: ["m6i.large", "m5.large"], scaling_config: { desired_size: 2, min_size: 1, max_size: 3 } });
    expect(json).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
    });
    expect(resourcesOf(tf, "aws_eks_cluster")[0].vpc_config.public_access_cidrs).toEqual(["203.0.113.0/24"]);
  });

  it("grants cluster-admin to extra principals through access entries", () => {
    const { json } = synthCluster({ EKS_POC_ADMIN_PRINCIPAL_ARNS: "arn:aws:iam::123456789012:role/Platform" });
    expect(json).toHaveResourceWithProperties(EksAccessEntry, { principal_arn: "arn:aws:iam::123456789012:role/Platform" });
    expect(json).toHaveResourceWithProperties(EksAccessPolicyAssociation, {
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", access_scope: { type: "cluster" },
    });
  });

  it("keeps state in S3 with native locking when a bucket is set", () => {
    const { tf } = synthCluster({ EKS_POC_STATE_BUCKET: "my-tf-state", EKS_POC_STATE_REGION: "eu-west-1" });
    expect(tf.terraform.backend.s3).toEqual({
      bucket: "my-tf-state", key: "eks-haproxy-poc/eks-cluster.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true,
    });
  });
});
