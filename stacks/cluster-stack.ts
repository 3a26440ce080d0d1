import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { Settings } from "../config/settings";
import { ClusterAddons } from "../constructs/cluster-addons";
import { EksControlPlane } from "../constructs/eks-control-plane";
import { IamServiceRole } from "../constructs/iam-service-role";
import { VpcNetwork } from "../constructs/vpc-network";
import { ZonalNodeGroup } from "../constructs/zonal-node-group";
import { NODE_ROLE_POLICIES } from "../policies/managed-policies";
import ec2Trust from "../policies/ec2-trust.json";
import { configureStateBackend } from "./state-backend";

/** The AWS half: network, EKS control plane, add-ons and one node group per AZ. */
export class ClusterStack extends TerraformStack {
  readonly cluster: EksCluster;
  readonly settings: Settings;

  constructor(scope: Construct, id: string, settings: Settings) {
    super(scope, id);
    this.settings = settings;
    configureStateBackend(this, id, settings.state);
    new AwsProvider(this, "aws", { region: settings.region, defaultTags: [{ tags: { ...settings.tags } }] });

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
    const controlPlane = new EksControlPlane(this, "control-plane", {
      clusterName: settings.clusterName,
      kubernetesVersion: settings.kubernetesVersion,
      subnetIds: [...network.publicSubnets, ...network.privateSubnets].map((subnet) => subnet.id),
      endpointPublicAccessCidrs: settings.endpointPublicAccessCidrs,
      adminPrincipalArns: settings.adminPrincipalArns,
      logRetentionDays: settings.logRetentionDays,
    });
    this.cluster = controlPlane.cluster;

    const addons = new ClusterAddons(this, "addons", { clusterName: this.cluster.name });
    const nodeRole = new IamServiceRole(this, "node-role", {
      name: `${settings.clusterName}-node`,
      trustPolicy: ec2Trust,
      managedPolicies: NODE_ROLE_POLICIES,
    });
    const nodeGroups = network.nodeSubnets.map((subnet, i) => new ZonalNodeGroup(this, `nodes-${i}`, {
      clusterName: this.cluster.name,
      name: `${settings.clusterName}-az${i}`,
      nodeRoleArn: nodeRole.role.arn,
      subnetId: subnet.id,
      instanceTypes: settings.nodeInstanceTypes,
      amiType: settings.nodeAmiType,
      desiredSize: settings.nodeDesiredSize,
      minSize: settings.nodeMinSize,
      maxSize: settings.nodeMaxSize,
      diskSizeGib: settings.nodeDiskSizeGib,
      imdsHopLimit: settings.imdsHopLimit,
      dependsOn: [...nodeRole.attachments, ...addons.beforeNodes],
    }));
    addons.addAfterNodes(nodeGroups.map((group) => group.nodeGroup));
    this.addOutputs(settings);
    // npm run verify checks that every one of these AZs serves port 5000, against what was deployed rather than today's settings.
    new TerraformOutput(this, "node_availability_zones", { value: network.nodeSubnets.map((subnet) => subnet.availabilityZone) });
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
