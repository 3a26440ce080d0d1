import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { CLUSTER_ADMIN_ACCESS_POLICY, CLUSTER_ROLE_POLICIES } from "../policies/managed-policies";
import clusterTrust from "../policies/eks-cluster-trust.json";
import secretsEncryption from "../policies/eks-secrets-encryption.json";
import { controlPlaneLogGroupName, CONTROL_PLANE_LOG_TYPES } from "../config/logging";
import { secretsKeyPolicy } from "../policies/key-policies";
import { AwsAccount } from "./aws-account";
import { IamServiceRole } from "./iam-service-role";

export interface EksControlPlaneProps {
  /** Cluster name. */
  readonly clusterName: string;
  /** Kubernetes minor version. */
  readonly kubernetesVersion: string;
  /** Subnets for the control plane's network interfaces. */
  readonly subnetIds: string[];
  /** CIDRs allowed to reach the public endpoint. */
  readonly endpointPublicAccessCidrs: readonly string[];
  /** Principals given cluster-admin besides the creator. @default [] */
  readonly adminPrincipalArns?: readonly string[];
  /** Control plane log types. @default all five (CONTROL_PLANE_LOG_TYPES) */
  readonly logTypes?: readonly string[];
  /** Days to keep control plane logs. @default 7 */
  readonly logRetentionDays?: number;
  /** The account, for the Secrets key's policy. */
  readonly account: AwsAccount;
  /** KMS key that encrypts the control-plane log group; its policy must name the group (LogEncryptionKey). */
  readonly logsKeyArn: string;
}

const defaultProps = {
  adminPrincipalArns: [] as readonly string[],
  logTypes: CONTROL_PLANE_LOG_TYPES as readonly string[],
  logRetentionDays: 7,
};

/**
 * The EKS control plane: its role, a rotating KMS key for envelope encryption
 * of Secrets, an encrypted log group Terraform owns (so destroy removes it), and access
 * entries instead of the aws-auth ConfigMap.
 */
export class EksControlPlane extends Construct {
  readonly cluster: EksCluster;

  constructor(scope: Construct, id: string, userProps: EksControlPlaneProps) {
    super(scope, id);
    const props = { ...defaultProps, ...userProps };
    const role = new IamServiceRole(this, "role", {
      name: `${props.clusterName}-cluster`,
      trustPolicy: clusterTrust,
      managedPolicies: CLUSTER_ROLE_POLICIES,
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
      name: controlPlaneLogGroupName(props.clusterName),
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
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } },
      vpcConfig: {
        subnetIds: props.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
        publicAccessCidrs: [...props.endpointPublicAccessCidrs],
      },
      dependsOn: [...role.attachments, keyAccess, logs],
    });

    props.adminPrincipalArns.forEach((principalArn, i) => {
      const entry = new EksAccessEntry(this, `admin-${i}`, { clusterName: this.cluster.name, principalArn });
      new EksAccessPolicyAssociation(this, `admin-${i}-policy`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        policyArn: CLUSTER_ADMIN_ACCESS_POLICY,
        accessScope: { type: "cluster" },
      });
    });
  }
}
