import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import type { LaunchTemplateBlockDeviceMappings } from "@cdktf/provider-aws/lib/launch-template";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { amiDevices } from "../config/aws/ami-types";
import type { EksAmiType } from "../config/aws/ami-types";
import { DERIVED_NAMES } from "../config/derived-names";

export interface ZonalNodeGroupProps {
  /** Cluster name. */
  readonly clusterName: string;
  /**
   * The cluster's Kubernetes version, as the cluster resource reports it (`EksCluster.version`): EKS does not
   * update a managed node group when the control plane moves (EKS user guide, "Understand the Kubernetes version
   * lifecycle on EKS"), so the group follows it here, after the control plane, as terraform-aws-eks does.
   */
  readonly kubernetesVersion: string;
  /** Node group name. */
  readonly name: string;
  /** ARN of the node role. */
  readonly nodeRoleArn: string;
  /** The single subnet, which pins the group to one AZ. */
  readonly subnetId: string;
  /** Instance types. */
  readonly instanceTypes: readonly string[];
  /** AMI type; decides which device gets the disk size. */
  readonly amiType: EksAmiType;
  /** Desired node count. */
  readonly desiredSize: number;
  /** Minimum node count. */
  readonly minSize: number;
  /** Maximum node count. */
  readonly maxSize: number;
  /** Size in GiB of the volume that holds container images (the root volume on AL2023). */
  readonly diskSizeGib: number;
  /**
   * IMDSv2 hop limit. 2 lets a pod (one hop behind the node) reach the metadata
   * service, which the metadata app needs; 1 keeps pods away from the node's
   * credentials.
   */
  readonly imdsHopLimit: number;
  /**
   * Tags for the instances, their volumes and network interfaces, which EC2
   * creates from the launch template: the provider's default_tags do not reach them.
   */
  readonly tags: Readonly<Record<string, string>>;
  /** Resources the nodes need before they can join (role policies, CNI). @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A managed node group confined to one AZ, so each AZ keeps its own nodes (the
 * original promise: "each AZ will have a worker node"), with a launch template
 * that requires IMDSv2 and encrypts every volume of the AMI family.
 */
export class ZonalNodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;
  readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: ZonalNodeGroupProps) {
    super(scope, id);
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      namePrefix: DERIVED_NAMES.launchTemplatePrefix(props.name),
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: props.imdsHopLimit,
      },
      blockDeviceMappings: blockDevices(props.amiType, props.diskSizeGib),
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags: { ...props.tags, Name: props.name },
      })),
    });
    this.nodeGroup = new EksNodeGroup(this, "node-group", {
      clusterName: props.clusterName,
      nodeGroupName: props.name,
      version: props.kubernetesVersion,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: [props.subnetId],
      instanceTypes: [...props.instanceTypes],
      amiType: props.amiType,
      scalingConfig: { desiredSize: props.desiredSize, minSize: props.minSize, maxSize: props.maxSize },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.toString() },
      dependsOn: props.dependsOn,
    });
  }
}

/** The data volume gets the configured size; a separate OS volume (Bottlerocket) keeps the AMI's size. Both encrypted. */
function blockDevices(amiType: EksAmiType, diskSizeGib: number): LaunchTemplateBlockDeviceMappings[] {
  const { os, data } = amiDevices(amiType);
  const ebs = { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" };
  const dataVolume = { deviceName: data, ebs: { ...ebs, volumeSize: diskSizeGib } };
  return os === data ? [dataVolume] : [{ deviceName: os, ebs }, dataVolume];
}
