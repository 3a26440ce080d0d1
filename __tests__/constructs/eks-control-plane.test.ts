import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsAccount } from "../../constructs/aws-account";
import type { EksControlPlaneProps } from "../../constructs/eks-control-plane";
import { EksControlPlane } from "../../constructs/eks-control-plane";
import { byId, only, ref, synthScope } from "../helpers/synth-scope";

const LOGS_KEY = "arn:aws:kms:us-east-1:123456789012:key/logs";
const REQUIRED: Omit<EksControlPlaneProps, "account"> = {
  clusterName: "demo",
  kubernetesVersion: "1.35",
  supportType: "STANDARD",
  subnetIds: ["subnet-0a", "subnet-0b"],
  endpointPublicAccessCidrs: ["0.0.0.0/0"],
  adminPrincipalArns: [],
  logTypes: ["api", "audit"],
  logRetentionDays: 7,
  logsKeyArn: LOGS_KEY,
};

function synthControlPlane(props: Partial<EksControlPlaneProps> = {}) {
  const synthesized = synthScope((scope) => {
    const account = new AwsAccount(scope, "account", { region: "us-east-1" });
    new EksControlPlane(scope, "control-plane", { ...REQUIRED, account, ...props });
  });
  const tf = synthesized.tf;
  const [partition] = only(tf, "aws_partition", true);
  const [, cluster] = only(tf, "aws_eks_cluster");
  return { ...synthesized, cluster, partition: ref("data.aws_partition", partition, "partition") };
}

describe("EksControlPlane with its required props", () => {
  it("creates the cluster with API authentication, its add-ons left to ClusterAddons, on the given version and upgrade policy", () => {
    const { json, tf } = synthControlPlane();
    const [roleId] = only(tf, "aws_iam_role");
    expect(json).toHaveResourceWithProperties(EksCluster, {
      name: "demo",
      version: "1.35",
      role_arn: ref("aws_iam_role", roleId, "arn"),
      bootstrap_self_managed_addons: false,
      access_config: { authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false },
      upgrade_policy: { support_type: "STANDARD" },
      enabled_cluster_log_types: ["api", "audit"],
    });
  });

  it("opens the endpoint privately and publicly, the public side to the allowlist, in the given subnets", () => {
    const { cluster } = synthControlPlane({ endpointPublicAccessCidrs: ["52.95.110.0/24"] });
    expect(cluster.vpc_config).toEqual({
      subnet_ids: ["subnet-0a", "subnet-0b"],
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ["52.95.110.0/24"],
    });
  });

  it("creates the cluster after its role's policy, its key access and its log group, and never changes the creator's bootstrap", () => {
    const { tf, cluster } = synthControlPlane();
    // Before the log group, EKS would create /aws/eks/<name>/cluster itself (unencrypted, kept forever) and
    // Terraform's would then fail as already existing; before the role's policies, EKS cannot manage the cluster.
    expect([...cluster.depends_on].sort()).toEqual([
      `aws_cloudwatch_log_group.${only(tf, "aws_cloudwatch_log_group")[0]}`,
      `aws_iam_role_policy.${only(tf, "aws_iam_role_policy")[0]}`,
      `aws_iam_role_policy_attachment.${only(tf, "aws_iam_role_policy_attachment")[0]}`,
    ]);
    expect(cluster.lifecycle).toEqual({ ignore_changes: ["access_config[0].bootstrap_cluster_creator_admin_permissions"] });
  });

  it("gives the cluster role only AmazonEKSClusterPolicy, and trusts EKS", () => {
    const { tf, partition } = synthControlPlane();
    const [roleId, role] = only(tf, "aws_iam_role");
    expect(role.name).toBe("demo-cluster");
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      expect.objectContaining({ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" } }),
    ]);
    expect(only(tf, "aws_iam_role_policy_attachment")[1]).toEqual({
      role: ref("aws_iam_role", roleId, "name"),
      policy_arn: `arn:${partition}:iam::aws:policy/AmazonEKSClusterPolicy`,
    });
  });

  it("encrypts Secrets with a rotating key the cluster role alone may use, through a named inline policy", () => {
    const { json, tf, cluster } = synthControlPlane();
    expect(json).toHaveResourceWithProperties(KmsKey, {
      description: "Envelope encryption of Kubernetes Secrets in EKS cluster demo",
      enable_key_rotation: true,
      deletion_window_in_days: 7,
    });
    const [keyId, key] = only(tf, "aws_kms_key");
    expect(JSON.parse(key.policy).Statement).toEqual([expect.objectContaining({ Sid: "Enable IAM User Permissions", Action: "kms:*" })]);
    expect(cluster.encryption_config).toEqual({ resources: ["secrets"], provider: { key_arn: ref("aws_kms_key", keyId, "arn") } });
    const [roleId] = only(tf, "aws_iam_role");
    const [, access] = only(tf, "aws_iam_role_policy");
    // A fixed name: without one the provider makes up a random one, and the role's inline policy list says nothing.
    expect(access.name).toBe("secrets-encryption");
    expect(access.role).toBe(ref("aws_iam_role", roleId, "name"));
    expect(JSON.parse(access.policy).Statement).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
        Resource: ref("aws_kms_key", keyId, "arn"),
      }),
    ]);
  });

  it("owns the control-plane log group, with the given retention, encrypted with the given key", () => {
    expect(synthControlPlane().json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/eks/demo/cluster",
      retention_in_days: 7,
      kms_key_id: LOGS_KEY,
    });
  });

  it("makes the deploying principal admin through its own access entry, as a role rather than its session", () => {
    const { tf, partition } = synthControlPlane();
    const [callerId] = only(tf, "aws_caller_identity", true);
    const [creatorId, creator] = only(tf, "aws_iam_session_context", true);
    expect(creator).toEqual({ arn: ref("data.aws_caller_identity", callerId, "arn") });
    const set = `\${toset([data.aws_iam_session_context.${creatorId}.issuer_arn])}`;
    const [entryId, entry] = only(tf, "aws_eks_access_entry");
    const [clusterId] = only(tf, "aws_eks_cluster");
    expect(entry).toEqual({ for_each: set, cluster_name: ref("aws_eks_cluster", clusterId, "name"), principal_arn: "${each.value}" });
    expect(only(tf, "aws_eks_access_policy_association")[1]).toEqual({
      for_each: set,
      cluster_name: ref("aws_eks_cluster", clusterId, "name"),
      principal_arn: "${each.value}",
      policy_arn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
      access_scope: { type: "cluster" },
      // EKS associates a policy with an existing access entry only.
      depends_on: [`aws_eks_access_entry.${entryId}`],
    });
  });
});

describe("EksControlPlane with every prop set", () => {
  const custom = {
    supportType: "EXTENDED",
    adminPrincipalArns: ["arn:aws:iam::123456789012:role/Platform"],
    logTypes: ["audit"],
    logRetentionDays: 30,
  } as const;

  it("takes the upgrade policy, log types and retention given", () => {
    const { json, cluster } = synthControlPlane(custom);
    expect(cluster.upgrade_policy).toEqual({ support_type: "EXTENDED" });
    expect(cluster.enabled_cluster_log_types).toEqual(["audit"]);
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/eks/demo/cluster", retention_in_days: 30 });
  });

  it("grants cluster-admin to the listed principals in the deploying principal's set, so listing it too is one entry", () => {
    const { tf } = synthControlPlane(custom);
    const [creatorId] = only(tf, "aws_iam_session_context", true);
    const set = `\${toset([data.aws_iam_session_context.${creatorId}.issuer_arn, "arn:aws:iam::123456789012:role/Platform"])}`;
    expect(byId(tf, "aws_eks_access_entry").map(([, e]) => e.for_each)).toEqual([set]);
    expect(byId(tf, "aws_eks_access_policy_association").map(([, a]) => a.for_each)).toEqual([set]);
  });
});
