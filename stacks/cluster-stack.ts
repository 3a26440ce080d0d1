import type { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { DERIVED_NAMES } from "../config/derived-names";
import type { Settings } from "../config/settings-spec";
import { podsPerNode } from "../config/rules/nodes";
import type { PodCount } from "../config/rules/nodes";
import { AwsAccount } from "../constructs/aws-account";
import { ClusterAddons } from "../constructs/cluster-addons";
import { EksControlPlane } from "../constructs/eks-control-plane";
import { IamServiceRole } from "../constructs/iam-service-role";
import { InstanceTypeChecks } from "../constructs/instance-type-checks";
import { KubernetesVersionCheck } from "../constructs/kubernetes-version-check";
import { LogEncryptionKey } from "../constructs/log-encryption-key";
import { VpcFlowLogs } from "../constructs/vpc-flow-logs";
import { VpcNetwork } from "../constructs/vpc-network";
import { ZonalNodeGroup } from "../constructs/zonal-node-group";
import { NODE_ROLE_POLICIES, VPC_CNI_ROLE_POLICIES } from "../policies/managed-policies";
import ec2Trust from "../policies/ec2-trust.json";
import podIdentityTrust from "../policies/eks-pod-identity-trust.json";
import { configureStateBackend } from "./state-backend";

export interface ClusterStackProps {
  /**
   * The most pods one node may run (config/rules/nodes.ts counts them from the rendered overlay), checked
   * at plan against what EC2 says of each instance type.
   * @default the add-ons' own pods alone, for a cluster without the workloads stack
   */
  readonly podsPerNode?: PodCount;
}

/** The AWS half: network, EKS control plane, add-ons and one node group per AZ. */
export class ClusterStack extends TerraformStack {
  readonly cluster: EksCluster;

  constructor(scope: Construct, id: string, settings: Settings, props: ClusterStackProps = {}) {
    super(scope, id);
    configureStateBackend(this, id, settings.state);
    new AwsProvider(this, "aws", { region: settings.region, defaultTags: [{ tags: { ...settings.tags } }] });
    // What only AWS knows, asked at plan: the plan stops before anything is created when a check fails.
    new KubernetesVersionCheck(this, "kubernetes-version", {
      kubernetesVersion: settings.kubernetesVersion,
      allowExtendedSupport: settings.allowExtendedSupport,
      region: settings.region,
    });
    new InstanceTypeChecks(this, "instance-types", {
      instanceTypes: settings.nodeInstanceTypes,
      amiType: settings.nodeAmiType,
      podsPerNode: props.podsPerNode ?? podsPerNode([]),
      region: settings.region,
    });

    const network = new VpcNetwork(this, "network", {
      clusterName: settings.clusterName,
      vpcCidr: settings.vpcCidr,
      azs: settings.azs,
      azCount: settings.azCount,
      publicSubnetCidrs: settings.publicSubnetCidrs,
      privateSubnetCidrs: settings.privateSubnetCidrs,
      subnetMode: settings.subnetMode,
      singleNatGateway: settings.singleNatGateway,
    });
    const account = new AwsAccount(this, "account", { region: settings.region });
    const flowLogsToCloudWatch = settings.flowLogDestination === "cloudwatch";
    const logsKey = new LogEncryptionKey(this, "logs-key", {
      clusterName: settings.clusterName,
      account,
      logGroupNames: [
        DERIVED_NAMES.logGroup(settings.clusterName),
        ...(flowLogsToCloudWatch ? [DERIVED_NAMES.flowLogGroup(settings.clusterName)] : []),
      ],
    });
    this.addFlowLogs(settings, account, network, logsKey);
    const controlPlane = new EksControlPlane(this, "control-plane", {
      clusterName: settings.clusterName,
      kubernetesVersion: settings.kubernetesVersion,
      supportType: settings.allowExtendedSupport ? "EXTENDED" : "STANDARD",
      subnetIds: [...network.publicSubnets, ...network.privateSubnets].map((subnet) => subnet.id),
      endpointPublicAccessCidrs: settings.endpointPublicAccessCidrs,
      adminPrincipalArns: settings.adminPrincipalArns,
      logRetentionDays: settings.logRetentionDays,
      logTypes: settings.controlPlaneLogTypes,
      account,
      logsKeyArn: logsKey.key.arn,
    });
    this.cluster = controlPlane.cluster;

    // The CNI's permissions go to its own pods, not to the node role that every pod can reach through IMDS.
    const cniRole = new IamServiceRole(this, "vpc-cni-role", {
      name: DERIVED_NAMES.vpcCniRole(settings.clusterName),
      trustPolicy: podIdentityTrust,
      managedPolicies: VPC_CNI_ROLE_POLICIES,
      account,
    });
    const addons = new ClusterAddons(this, "addons", {
      clusterName: this.cluster.name,
      kubernetesVersion: settings.kubernetesVersion,
      podIdentities: { "vpc-cni": { serviceAccount: "aws-node", roleArn: cniRole.role.arn, dependsOn: cniRole.attachments } },
    });
    const nodeRole = new IamServiceRole(this, "node-role", {
      name: DERIVED_NAMES.nodeRole(settings.clusterName),
      trustPolicy: ec2Trust,
      managedPolicies: NODE_ROLE_POLICIES,
      account,
    });
    const nodeGroups = network.nodeSubnets.map(
      (subnet, i) =>
        new ZonalNodeGroup(this, `nodes-${i}`, {
          clusterName: this.cluster.name,
          kubernetesVersion: this.cluster.version,
          name: DERIVED_NAMES.nodeGroup(settings.clusterName, i),
          nodeRoleArn: nodeRole.role.arn,
          subnetId: subnet.id,
          instanceTypes: settings.nodeInstanceTypes,
          amiType: settings.nodeAmiType,
          desiredSize: settings.nodeDesiredSize,
          minSize: settings.nodeMinSize,
          maxSize: settings.nodeMaxSize,
          diskSizeGib: settings.nodeDiskSizeGib,
          imdsHopLimit: settings.imdsHopLimit,
          tags: settings.tags,
          // The way out of the subnet too: on create the nodes boot with a route to EKS and ECR (in private mode the
          // NAT gateway's, which the far longer cluster creation only happened to hide), and on destroy that route and
          // its gateway outlive the nodes.
          dependsOn: [...nodeRole.attachments, ...addons.beforeNodes, network.nodeRoutes[i]],
        }),
    );
    addons.addAfterNodes(nodeGroups.map((group) => group.nodeGroup));
    this.addOutputs(settings);
    // npm run verify checks that every one of these AZs serves port 5000, against what was deployed rather than today's settings.
    new TerraformOutput(this, "node_availability_zones", { value: network.nodeSubnets.map((subnet) => subnet.availabilityZone) });
  }

  /** The VPC's flow logs, to the destination the settings name (the log key encrypts their group in CloudWatch Logs). */
  private addFlowLogs(settings: Settings, account: AwsAccount, network: VpcNetwork, logsKey: LogEncryptionKey): void {
    if (settings.flowLogDestination === "none") return;
    new VpcFlowLogs(this, "flow-logs", {
      vpcId: network.vpc.id,
      clusterName: settings.clusterName,
      account,
      destination:
        settings.flowLogDestination === "cloudwatch"
          ? {
              type: "cloudwatch",
              logGroupName: DERIVED_NAMES.flowLogGroup(settings.clusterName),
              retentionDays: settings.flowLogRetentionDays,
              kmsKeyArn: logsKey.key.arn,
            }
          : { type: "s3", bucketArn: settings.flowLogDestination },
    });
  }

  private addOutputs(settings: Settings): void {
    new TerraformOutput(this, "cluster_name", { value: this.cluster.name });
    new TerraformOutput(this, "cluster_endpoint", { value: this.cluster.endpoint });
    new TerraformOutput(this, "region", { value: settings.region });
    new TerraformOutput(this, "kubeconfig_command", {
      value: `aws eks update-kubeconfig --region ${settings.region} --name ${this.cluster.name}`,
    });
  }
}
