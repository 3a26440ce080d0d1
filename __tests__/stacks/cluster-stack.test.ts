import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { PROJECT_ROOT } from "../../lib/project-root";
import { TERRAFORM_REQUIRED_VERSION } from "../../lib/terraform-version";
import { SETTINGS_SPEC } from "../../config/settings-spec";
import { MAX_TAGS, OWN_TAGS } from "../../config/rules/workloads-and-tags";
import type { SynthesizedStack } from "../helpers/synth";
import { resourcesOf, synthCluster } from "../helpers/synth";
import { EXPLICIT_AZS } from "../helpers/settings";

// Each describe synthesizes in beforeEach, not in its body: a test then runs the code it checks, which is what
// mutation testing's per-test coverage (npm run mutate) counts; a synthesis takes some tens of milliseconds.
describe("ClusterStack with defaults (public mode, 3 AZs)", () => {
  let json: SynthesizedStack["json"], tf: SynthesizedStack["tf"];
  beforeEach(() => ({ json, tf } = synthCluster()));

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

  it("looks the AZs up when none are given, skipping the zone IDs EKS refuses", () => {
    expect(Object.values(tf.data?.aws_availability_zones ?? {})).toEqual([
      expect.objectContaining({
        state: "available",
        exclude_zone_ids: ["use1-az3", "usw1-az2", "cac1-az3"],
        lifecycle: {
          postcondition: [{ condition: "${length(self.names) >= 3}", error_message: expect.stringContaining("azCount is 3, but") }],
        },
      }),
    ]);
    expect(resourcesOf(tf, "aws_subnet")[2].availability_zone).toMatch(/element\(data\.aws_availability_zones\..*\.names, 2\)/);
  });

  it("creates no NAT gateway", () => {
    expect(json).not.toHaveResource(NatGateway);
  });

  it("creates the cluster with API authentication, on standard support only", () => {
    expect(json).toHaveResourceWithProperties(EksCluster, {
      name: "eks-haproxy-poc",
      version: "1.35",
      bootstrap_self_managed_addons: false,
      access_config: { authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false },
      upgrade_policy: { support_type: "STANDARD" },
      enabled_cluster_log_types: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    });
  });

  it("builds every AWS-managed ARN from the partition: no arn:aws: literal anywhere", () => {
    expect(json).not.toMatch(/arn:aws[a-z-]*:/);
    // A GovCloud admin: the only ARN literal left is the user's own.
    const govCloud = synthCluster({
      EKS_POC_REGION: "us-gov-west-1",
      EKS_POC_ADMIN_PRINCIPAL_ARNS: "arn:aws-us-gov:iam::123456789012:role/Ops",
    });
    // Twice: in the entries' set and in the associations' set.
    expect(govCloud.json.match(/arn:aws[a-z-]*:[^"\\]*/g)).toEqual(Array(2).fill("arn:aws-us-gov:iam::123456789012:role/Ops"));
    expect(resourcesOf(tf, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toEqual(
      Array(4).fill(expect.stringMatching(/^arn:\$\{data\.aws_partition\..*\.partition\}:iam::aws:policy\/\w+$/)),
    );
  });

  it("gives no resource more tags of its own than the tag limit leaves room for", () => {
    const own = (tags: Record<string, string> = {}) => Object.keys(tags).filter((key) => !(key in SETTINGS_SPEC.tags.default));
    for (const [type, resources] of Object.entries(tf.resource)) {
      for (const resource of Object.values(resources)) {
        expect([type, own(resource.tags).length <= 50 - MAX_TAGS]).toEqual([type, true]);
      }
    }
    expect(resourcesOf(tf, "aws_subnet").map((subnet) => own(subnet.tags).length)).toEqual([
      OWN_TAGS.subnet,
      OWN_TAGS.subnet,
      OWN_TAGS.subnet,
    ]);
    // The launch template's Name; EKS adds the other five on the node group's Auto Scaling group.
    for (const template of resourcesOf(tf, "aws_launch_template")) {
      expect(template.tag_specifications.map((spec: { tags: Record<string, string> }) => own(spec.tags).length)).toEqual([1, 1, 1]);
    }
  });

  it("reads the partition once, from the stack's account, for every role", () => {
    expect(Object.keys(tf.data?.aws_partition ?? {})).toHaveLength(1);
  });

  it("states the Terraform version S3-native locking needs", () => {
    expect(tf.terraform.required_version).toBe(TERRAFORM_REQUIRED_VERSION);
    expect(TERRAFORM_REQUIRED_VERSION).toBe(">= 1.11");
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    expect(readme).toContain(`- Terraform ${TERRAFORM_REQUIRED_VERSION.replace(">= ", "")} or newer`);
  });

  it("restricts the public endpoint to the allowlist and turns private access on", () => {
    const cluster = resourcesOf(tf, "aws_eks_cluster")[0];
    expect(cluster.vpc_config).toMatchObject({
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ["0.0.0.0/0"],
    });
  });

  it("owns the control plane log group so destroy removes it, encrypted with the log key", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/eks/eks-haproxy-poc/cluster", retention_in_days: 7 });
    const group = resourcesOf(tf, "aws_cloudwatch_log_group").find((g) => g.name === "/aws/eks/eks-haproxy-poc/cluster");
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.logs-key_[^.]+\.arn\}$/);
  });

  it("gives every KMS key an explicit policy in which the account's root keeps administration", () => {
    const keys = resourcesOf(tf, "aws_kms_key");
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 7 });
      expect(JSON.parse(key.policy).Statement[0]).toEqual({
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Action: "kms:*",
        Resource: "*",
        Principal: {
          AWS: expect.stringMatching(
            /^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:iam::\$\{data\.aws_caller_identity\.[^}]+\.account_id\}:root$/,
          ),
        },
      });
    }
  });

  it("lets CloudWatch Logs of the region use the log key for the control-plane and flow-log groups only", () => {
    expect(json).toHaveResourceWithProperties(KmsKey, {
      description: "Encryption of the CloudWatch log groups of EKS cluster eks-haproxy-poc",
      enable_key_rotation: true,
      deletion_window_in_days: 7,
    });
    const key = resourcesOf(tf, "aws_kms_key").find((k) => k.description.startsWith("Encryption of the CloudWatch log groups"));
    const [, logs] = JSON.parse(key.policy).Statement;
    expect(logs.Principal).toEqual({ Service: expect.stringMatching(/^logs\.us-east-1\.\$\{data\.aws_partition\.[^}]+\.dns_suffix\}$/) });
    expect(logs.Action).toEqual(["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]);
    const arns = logs.Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"];
    expect(arns.map((arn: string) => arn.replace(/\$\{data\.[^}]+\}/g, "<data>"))).toEqual([
      "arn:<data>:logs:us-east-1:<data>:log-group:/aws/eks/eks-haproxy-poc/cluster",
      "arn:<data>:logs:us-east-1:<data>:log-group:/aws/vpc-flow-log/eks-haproxy-poc",
    ]);
    expect(Object.keys(logs.Condition)).toEqual(["ArnEquals"]);
  });

  it("logs every flow of the VPC to an encrypted log group kept as long as the control-plane logs", () => {
    expect(json).toHaveResourceWithProperties(FlowLog, { traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
    const [flowLog] = resourcesOf(tf, "aws_flow_log");
    expect(flowLog.vpc_id).toMatch(/^\$\{aws_vpc\.network_vpc_[^.]+\.id\}$/);
    expect(flowLog.iam_role_arn).toMatch(/^\$\{aws_iam_role\.flow-logs_role_[^.]+\.arn\}$/);
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/vpc-flow-log/eks-haproxy-poc", retention_in_days: 7 });
    const [groupId, group] = Object.entries(tf.resource.aws_cloudwatch_log_group).find(
      ([, g]) => g.name === "/aws/vpc-flow-log/eks-haproxy-poc",
    )!;
    expect(flowLog.log_destination).toBe(`\${aws_cloudwatch_log_group.${groupId}.arn}`);
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.logs-key_[^.]+\.arn\}$/);
  });

  it("gives each role only its managed policies, with ARNs in the provider's partition", () => {
    const attachments = resourcesOf(tf, "aws_iam_role_policy_attachment");
    const byRole = (role: RegExp) =>
      attachments
        .filter((a) => role.test(a.role))
        .map((a) => a.policy_arn.replace(/^.*policy\//, ""))
        .sort();
    expect(byRole(/control-plane_role/)).toEqual(["AmazonEKSClusterPolicy"]);
    expect(byRole(/aws_iam_role\.node-role_/)).toEqual(["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy"]);
    expect(byRole(/aws_iam_role\.vpc-cni-role_/)).toEqual(["AmazonEKS_CNI_Policy"]);
    expect(attachments).toHaveLength(4);
    for (const attachment of attachments) {
      expect(attachment.policy_arn).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:iam::aws:policy\//);
    }
  });

  it("gives aws-node its own role through EKS Pod Identity, after the role's policy", () => {
    const addons = resourcesOf(tf, "aws_eks_addon");
    const cni = addons.find((a) => a.addon_name === "vpc-cni");
    expect(cni.pod_identity_association).toEqual([
      { service_account: "aws-node", role_arn: expect.stringMatching(/^\$\{aws_iam_role\.vpc-cni-role_[^.]+\.arn\}$/) },
    ]);
    expect(cni.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy_attachment\.vpc-cni-role_AmazonEKS_CNI_Policy/)]);
    const role = resourcesOf(tf, "aws_iam_role").find((r) => r.name === "eks-haproxy-poc-vpc-cni");
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
    ]);
    expect(addons.filter((a) => a.pod_identity_association !== undefined).map((a) => a.addon_name)).toEqual(["vpc-cni"]);
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

  it("makes the node groups follow the cluster's version and the add-ons take their newest version for it", () => {
    const [[clusterId]] = Object.entries(tf.resource.aws_eks_cluster);
    for (const group of resourcesOf(tf, "aws_eks_node_group")) expect(group.version).toBe(`\${aws_eks_cluster.${clusterId}.version}`);
    const versions = Object.values<any>(tf.data?.aws_eks_addon_version ?? {});
    expect(versions.map((v) => v.addon_name).sort()).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    for (const version of versions) expect(version).toMatchObject({ kubernetes_version: "1.35", most_recent: true });
    for (const addon of resourcesOf(tf, "aws_eks_addon")) expect(addon.addon_version).toMatch(/^\$\{data\.aws_eks_addon_version\./);
  });

  it("requires IMDSv2 with a hop limit of 2 so pods reach instance metadata", () => {
    expect(json).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 2 },
    });
  });

  it("tags the instances, volumes and network interfaces EC2 creates from each launch template", () => {
    for (const template of resourcesOf(tf, "aws_launch_template")) {
      expect(template.tag_specifications.map((spec: any) => spec.resource_type)).toEqual(["instance", "volume", "network-interface"]);
      for (const spec of template.tag_specifications) {
        expect(spec.tags).toEqual({
          Project: "eks-haproxy-poc",
          ManagedBy: "cdktf",
          Name: expect.stringMatching(/^eks-haproxy-poc-az\d$/),
        });
      }
    }
  });

  it("outputs what a user and the workloads stack need", () => {
    expect(Object.keys(tf.output).sort()).toEqual([
      "cluster_endpoint",
      "cluster_name",
      "kubeconfig_command",
      "node_availability_zones",
      "region",
    ]);
    expect(tf.output.kubeconfig_command.value).toMatch(/^aws eks update-kubeconfig --region us-east-1 --name \$\{aws_eks_cluster\./);
  });

  it("keeps state in a local file", () => {
    expect(tf.terraform.backend.local.path).toMatch(/terraform\.eks-cluster\.tfstate$/);
  });

  it("tags everything through the provider's default tags", () => {
    expect(JSON.parse(json).provider.aws[0].default_tags).toEqual([{ tags: { Project: "eks-haproxy-poc", ManagedBy: "cdktf" } }]);
  });
});

describe("ClusterStack in private mode with 2 explicit AZs", () => {
  let tf: SynthesizedStack["tf"];
  beforeEach(() => ({ tf } = synthCluster({ EKS_POC_SUBNET_MODE: "private", EKS_POC_AZS: "us-east-1b,us-east-1d" })));

  it("adds one private subnet per AZ, tagged for internal load balancers", () => {
    const subnets = resourcesOf(tf, "aws_subnet");
    expect(subnets).toHaveLength(4);
    const privateSubnets = subnets.filter((s) => s.tags["kubernetes.io/role/internal-elb"] === "1");
    const zoneName = (ref: string): string => tf.data!.aws_availability_zone[/data\.aws_availability_zone\.(.*)\.name/.exec(ref)![1]].name;
    expect(privateSubnets.map((s) => [zoneName(s.availability_zone), s.cidr_block])).toEqual([
      ["us-east-1b", "10.0.128.0/24"],
      ["us-east-1d", "10.0.129.0/24"],
    ]);
    expect(subnets.some((s) => s.map_public_ip_on_launch === true)).toBe(false);
  });

  it("uses the explicit AZs without a lookup, but fails the plan when one is a zone ID EKS refuses", () => {
    expect(tf.data?.aws_availability_zones).toBeUndefined();
    const zones = Object.values<any>(tf.data?.aws_availability_zone ?? {});
    expect(zones.map((zone) => zone.name)).toEqual(["us-east-1b", "us-east-1d"]);
    for (const zone of zones) {
      expect(zone.lifecycle.postcondition).toEqual([
        {
          condition: '${!contains(["use1-az3","usw1-az2","cac1-az3"], self.zone_id)}',
          error_message: expect.stringContaining(
            "azs lists ${self.name}, which is zone ID ${self.zone_id} in this AWS account; EKS refuses cluster subnets in use1-az3, usw1-az2, cac1-az3.",
          ),
        },
      ]);
    }
  });

  it("routes each private subnet through a NAT gateway of its own", () => {
    expect(resourcesOf(tf, "aws_nat_gateway")).toHaveLength(2);
    expect(resourcesOf(tf, "aws_eip")).toHaveLength(2);
  });

  // In private mode the node subnets are not the public ones: the output must follow the nodes.
  it("outputs the AZs of the node groups' subnets, for npm run verify", () => {
    const nodeSubnets = resourcesOf(tf, "aws_eks_node_group").map(
      (group) => group.subnet_ids[0].match(/^\$\{(aws_subnet\.[^.]+)\.id\}$/)[1],
    );
    expect(nodeSubnets).toEqual([
      expect.stringMatching(/^aws_subnet\.network_private-0_/),
      expect.stringMatching(/^aws_subnet\.network_private-1_/),
    ]);
    expect(tf.output.node_availability_zones.value).toEqual(nodeSubnets.map((subnet: string) => `\${${subnet}.availability_zone}`));
  });

  it("puts the node groups in the private subnets", () => {
    const groups = resourcesOf(tf, "aws_eks_node_group");
    expect(groups).toHaveLength(2);
    expect(groups.map((g) => g.subnet_ids[0])).toEqual([
      expect.stringMatching(/aws_subnet\.network_private-0_/),
      expect.stringMatching(/aws_subnet\.network_private-1_/),
    ]);
  });

  it("shares one NAT gateway when asked to", () => {
    const single = synthCluster({ EKS_POC_SUBNET_MODE: "private", EKS_POC_SINGLE_NAT_GATEWAY: "true", ...EXPLICIT_AZS });
    const gateways = Object.keys(single.tf.resource.aws_nat_gateway ?? {});
    expect(gateways).toHaveLength(1);
    // Every private subnet's default route goes to that one gateway (the public route table goes to the internet gateway).
    const natRoutes = resourcesOf(single.tf, "aws_route_table")
      .map((table) => table.route[0].nat_gateway_id)
      .filter(Boolean);
    expect(natRoutes).toEqual(Array(3).fill(`\${aws_nat_gateway.${gateways[0]}.id}`));
    expect(resourcesOf(single.tf, "aws_eks_node_group")).toHaveLength(3);
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
      EKS_POC_NODE_INSTANCE_TYPES: "m6i.large,m5.large",
      EKS_POC_NODE_MAX_SIZE: "3",
      EKS_POC_NODE_DESIRED_SIZE: "2",
      EKS_POC_IMDS_HOP_LIMIT: "1",
      EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS: "52.95.110.0/24",
    });
    expect(json).toHaveResourceWithProperties(EksNodeGroup, {
      instance_types: ["m6i.large", "m5.large"],
      scaling_config: { desired_size: 2, min_size: 1, max_size: 3 },
    });
    expect(json).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
    });
    expect(resourcesOf(tf, "aws_eks_cluster")[0].vpc_config.public_access_cidrs).toEqual(["52.95.110.0/24"]);
  });

  it("puts the configured tags on what the launch templates create", () => {
    const { tf } = synthCluster({ EKS_POC_TAGS: "Team=platform,CostCenter=42" });
    const specs = resourcesOf(tf, "aws_launch_template")[0].tag_specifications;
    expect(specs.map((spec: any) => spec.tags)).toEqual(
      Array(3).fill({ Project: "eks-haproxy-poc", ManagedBy: "cdktf", Team: "platform", CostCenter: "42", Name: "eks-haproxy-poc-az0" }),
    );
  });

  it("grants cluster-admin to extra principals in the same set as the deploying principal, so a duplicate is one entry", () => {
    const { json } = synthCluster({ EKS_POC_ADMIN_PRINCIPAL_ARNS: "arn:aws:iam::123456789012:role/Platform" });
    const set = expect.stringMatching(
      /^\$\{toset\(\[data\.aws_iam_session_context\..*\.issuer_arn, "arn:aws:iam::123456789012:role\/Platform"\]\)\}$/,
    );
    expect(json).toHaveResourceWithProperties(EksAccessEntry, { for_each: set, principal_arn: "${each.value}" });
    expect(json).toHaveResourceWithProperties(EksAccessPolicyAssociation, { for_each: set, access_scope: { type: "cluster" } });
  });

  it("sets the upgrade policy to EXTENDED only when extended support is accepted", () => {
    const { json } = synthCluster({ EKS_POC_KUBERNETES_VERSION: "1.31", EKS_POC_ALLOW_EXTENDED_SUPPORT: "true" });
    expect(json).toHaveResourceWithProperties(EksCluster, { version: "1.31", upgrade_policy: { support_type: "EXTENDED" } });
  });

  it("gives the configured size to the data volume of each AMI family, and encrypts every volume", () => {
    const volumes = (amiType: string): any[] =>
      resourcesOf(
        synthCluster({
          EKS_POC_NODE_AMI_TYPE: amiType,
          EKS_POC_NODE_DISK_SIZE_GIB: "50",
          EKS_POC_NODE_INSTANCE_TYPES: amiType.includes("ARM_64") ? "t4g.medium" : "t3.medium",
        }).tf,
        "aws_launch_template",
      )[0].block_device_mappings;
    const encrypted = { volume_type: "gp3", encrypted: "true", delete_on_termination: "true" };
    expect(volumes("AL2023_ARM_64_STANDARD")).toEqual([{ device_name: "/dev/xvda", ebs: { ...encrypted, volume_size: 50 } }]);
    expect(volumes("BOTTLEROCKET_x86_64")).toEqual([
      { device_name: "/dev/xvda", ebs: encrypted },
      { device_name: "/dev/xvdb", ebs: { ...encrypted, volume_size: 50 } },
    ]);
  });

  it("applies a changed desired size: no ignore_changes, since nothing else (no autoscaler) owns it", () => {
    const { tf } = synthCluster({ EKS_POC_NODE_DESIRED_SIZE: "2" });
    for (const group of resourcesOf(tf, "aws_eks_node_group")) {
      expect(group.scaling_config.desired_size).toBe(2);
      expect(group.lifecycle?.ignore_changes ?? []).toEqual([]);
    }
  });

  it("narrows the control-plane log types", () => {
    const { tf } = synthCluster({ EKS_POC_CONTROL_PLANE_LOG_TYPES: "audit,authenticator" });
    expect(resourcesOf(tf, "aws_eks_cluster")[0].enabled_cluster_log_types).toEqual(["audit", "authenticator"]);
  });

  it("keeps flow logs for their own retention", () => {
    const { json } = synthCluster({ EKS_POC_LOG_RETENTION_DAYS: "30", EKS_POC_FLOW_LOG_RETENTION_DAYS: "14" });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/vpc-flow-log/eks-haproxy-poc", retention_in_days: 14 });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/eks/eks-haproxy-poc/cluster", retention_in_days: 30 });
  });

  it("sends flow logs to the user's S3 bucket, with no log group or role, and the log key for the control plane alone", () => {
    const { json, tf } = synthCluster({ EKS_POC_FLOW_LOG_DESTINATION: "arn:aws:s3:::central-logs/vpc" });
    expect(json).toHaveResourceWithProperties(FlowLog, {
      log_destination_type: "s3",
      log_destination: "arn:aws:s3:::central-logs/vpc",
      traffic_type: "ALL",
    });
    expect(resourcesOf(tf, "aws_flow_log")[0].iam_role_arn).toBeUndefined();
    expect(resourcesOf(tf, "aws_cloudwatch_log_group").map((g) => g.name)).toEqual(["/aws/eks/eks-haproxy-poc/cluster"]);
    expect(resourcesOf(tf, "aws_iam_role").map((r) => r.name)).not.toContain("eks-haproxy-poc-vpc-flow-logs");
    const key = resourcesOf(tf, "aws_kms_key").find((k) => k.description.startsWith("Encryption of the CloudWatch log groups"));
    expect(JSON.parse(key.policy).Statement[1].Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      expect.stringMatching(/:log-group:\/aws\/eks\/eks-haproxy-poc\/cluster$/),
    ]);
  });

  it("turns flow logs off when asked to, and still closes the default security group", () => {
    const { json, tf } = synthCluster({ EKS_POC_FLOW_LOG_DESTINATION: "none" });
    expect(json).not.toHaveResource(FlowLog);
    expect(resourcesOf(tf, "aws_cloudwatch_log_group")).toHaveLength(1);
    expect(resourcesOf(tf, "aws_default_security_group")).toHaveLength(1);
  });

  it("keeps state in S3 with native locking when a bucket is set", () => {
    const { tf } = synthCluster({ EKS_POC_STATE_BUCKET: "my-tf-state", EKS_POC_STATE_REGION: "eu-west-1" });
    expect(tf.terraform.backend.s3).toEqual({
      bucket: "my-tf-state",
      key: "eks-haproxy-poc/eks-cluster.tfstate",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
    });
  });
});
