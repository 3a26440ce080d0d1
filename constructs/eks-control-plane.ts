import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { DataAwsIamSessionContext } from "@cdktf/provider-aws/lib/data-aws-iam-session-context";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { DERIVED_NAMES } from "../config/derived-names";
import { CLUSTER_ADMIN_ACCESS_POLICY, CLUSTER_ROLE_POLICIES } from "../policies/managed-policies";
import clusterTrust from "../policies/eks-cluster-trust.json";
import secretsEncryption from "../policies/eks-secrets-encryption.json";
import { secretsKeyPolicy } from "../policies/key-policies";
import type { AwsAccount } from "./aws-account";
import { IamServiceRole } from "./iam-service-role";

export interface EksControlPlaneProps {
  /** Cluster name. */
  readonly clusterName: string;
  /** Kubernetes minor version. */
  readonly kubernetesVersion: string;
  /** EKS upgrade policy: STANDARD lets EKS upgrade the cluster at the end of standard support instead of billing extended support. */
  readonly supportType: "STANDARD" | "EXTENDED";
  /** Subnets for the control plane's network interfaces. */
  readonly subnetIds: string[];
  /** CIDRs allowed to reach the public endpoint. */
  readonly endpointPublicAccessCidrs: readonly string[];
  /** Principals given cluster-admin besides the deploying principal (listing it too is harmless). */
  readonly adminPrincipalArns: readonly string[];
  /** Control plane log types. */
  readonly logTypes: readonly string[];
  /** Days to keep control plane logs. */
  readonly logRetentionDays: number;
  /** The account, for the Secrets key's policy. */
  readonly account: AwsAccount;
  /** KMS key that encrypts the control-plane log group; its policy must name the group (LogEncryptionKey). */
  readonly logsKeyArn: string;
}

/**
 * The EKS control plane: its role, a rotating KMS key for envelope encryption
 * of Secrets, an encrypted log group Terraform owns (so destroy removes it), and access
 * entries instead of the aws-auth ConfigMap. The deploying principal's entry is
 * made here, as terraform-aws-eks v21 does, rather than by EKS at creation, so
 * that listing it in `adminPrincipalArns` too cannot make CreateAccessEntry fail with 409.
 */
export class EksControlPlane extends Construct {
  readonly cluster: EksCluster;

  constructor(scope: Construct, id: string, props: EksControlPlaneProps) {
    super(scope, id);
    const role = new IamServiceRole(this, "role", {
      name: DERIVED_NAMES.clusterRole(props.clusterName),
      trustPolicy: clusterTrust,
      managedPolicies: CLUSTER_ROLE_POLICIES,
      account: props.account,
    });
    const key = new KmsKey(this, "secrets-key", {
      description: `Envelope encryption of Kubernetes Secrets in EKS cluster ${props.clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 7,
      policy: JSON.stringify(secretsKeyPolicy(props.account)),
    });
    // The cluster role encrypts and decrypts Secrets with the key (the policy file names the actions).
    const keyAccess = new IamRolePolicy(this, "secrets-key-access", {
      name: "secrets-encryption",
      role: role.role.name,
      policy: JSON.stringify({
        ...secretsEncryption,
        Statement: secretsEncryption.Statement.map((statement) => ({ ...statement, Resource: key.arn })),
      }),
    });
    const logs = new CloudwatchLogGroup(this, "logs", {
      name: DERIVED_NAMES.logGroup(props.clusterName),
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });

    this.cluster = new EksCluster(this, "cluster", {
      name: props.clusterName,
      version: props.kubernetesVersion,
      roleArn: role.role.arn,
      enabledClusterLogTypes: [...props.logTypes],
      // The add-ons are managed explicitly (ClusterAddons), in the order nodes need them.
      bootstrapSelfManagedAddons: false,
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      upgradePolicy: { supportType: props.supportType },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } },
      vpcConfig: {
        subnetIds: props.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
        publicAccessCidrs: [...props.endpointPublicAccessCidrs],
      },
      dependsOn: [...role.attachments, keyAccess, logs],
      // Changing it replaces the cluster; clusters made before the creator's entry moved here keep theirs.
      lifecycle: { ignoreChanges: ["access_config[0].bootstrap_cluster_creator_admin_permissions"] },
    });
    this.addAdmins(props.account, props.adminPrincipalArns);
  }

  /** One access entry per distinct admin: the deploying principal (a role, not its session) and the listed ones. */
  private addAdmins(account: AwsAccount, adminPrincipalArns: readonly string[]): void {
    const creator = new DataAwsIamSessionContext(this, "creator", { arn: account.callerArn });
    // A set: the creator listed again is one entry, not a second CreateAccessEntry.
    const admins = TerraformIterator.fromList([creator.issuerArn, ...adminPrincipalArns]);
    const entries = new EksAccessEntry(this, "admin", {
      forEach: admins,
      clusterName: this.cluster.name,
      principalArn: Token.asString(admins.value),
    });
    new EksAccessPolicyAssociation(this, "admin-policy", {
      forEach: admins,
      clusterName: this.cluster.name,
      principalArn: Token.asString(admins.value),
      policyArn: `arn:${account.partition}:eks::aws:cluster-access-policy/${CLUSTER_ADMIN_ACCESS_POLICY}`,
      accessScope: { type: "cluster" },
      dependsOn: [entries],
    });
  }
}
