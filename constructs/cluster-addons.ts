import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";

/** An IAM role an add-on's service account gets through EKS Pod Identity. */
export interface AddonPodIdentity {
  /** The add-on's Kubernetes service account, such as aws-node. */
  readonly serviceAccount: string;
  /** ARN of a role that trusts pods.eks.amazonaws.com. */
  readonly roleArn: string;
  /** What must exist before the add-on uses the role, such as its policy attachments. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

export interface ClusterAddonsProps {
  /** Cluster name. */
  readonly clusterName: string;
  /**
   * The cluster's Kubernetes version, as configured: a literal lets Terraform read the add-on versions at plan, so
   * the plan names them (a data source that reads the cluster resource waits for the apply while the cluster has
   * a change, and every add-on then shows an unknown version). terraform-aws-eks does the same (main.tf,
   * `data "aws_eks_addon_version"`: the configured version first, the cluster's only when none is given).
   */
  readonly kubernetesVersion: string;
  /** Add-ons the nodes need to become Ready. @default ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"] */
  readonly beforeNodes?: readonly string[];
  /** Add-ons that need running nodes, or they end DEGRADED. @default ["coredns"] */
  readonly afterNodes?: readonly string[];
  /** Pod Identity roles by add-on name. @default {} */
  readonly podIdentities?: Readonly<Record<string, AddonPodIdentity>>;
  /**
   * Configuration values by add-on name (the add-on's JSON schema:
   * `aws eks describe-addon-configuration`).
   * @default the VPC CNI's network-policy agent on (`enableNetworkPolicy`), so NetworkPolicies are enforced
   */
  readonly configurationValues?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const POD_IDENTITY_AGENT = "eks-pod-identity-agent";

const defaultProps = {
  beforeNodes: ["vpc-cni", "kube-proxy", POD_IDENTITY_AGENT] as readonly string[],
  afterNodes: ["coredns"] as readonly string[],
  podIdentities: {} as Readonly<Record<string, AddonPodIdentity>>,
  // The EKS user guide's "Restrict Pod network traffic with Kubernetes network policies": a string, not a boolean.
  configurationValues: { "vpc-cni": { enableNetworkPolicy: "true" } } as Readonly<Record<string, Readonly<Record<string, unknown>>>>,
};

/**
 * EKS managed add-ons. The add-ons the nodes need are created side by side straight after
 * the cluster, and the nodes wait for all of them; coredns waits for nodes,
 * since its pods cannot schedule before there are any. An add-on with a Pod
 * Identity role needs the Pod Identity agent among the add-ons before the nodes,
 * not before itself: the association is an EKS API object that exists with the
 * add-on, and the agent (on the host network, so it needs no CNI) serves the
 * credentials on each node, where neither DaemonSet has a pod until the nodes
 * come. terraform-aws-eks creates both as `before_compute` add-ons in parallel
 * (main.tf `aws_eks_addon.before_compute`; tests/eks-managed-node-group/main.tf
 * gives aws-node its role that way).
 * Each add-on runs at its newest version for the cluster's Kubernetes
 * version (`DescribeAddonVersions` filtered by that version, newest first, as
 * the provider's `aws_eks_addon_version` reads it with `most_recent`:
 * terraform-provider-aws internal/service/eks/addon_version_data_source.go).
 * Each add-on names the cluster resource, so an upgrade updates the control
 * plane before any add-on, and the nodes after the add-ons they wait for (EKS
 * user guide, "Update existing cluster to new Kubernetes version"; a kube-proxy
 * one minor newer than the kubelet is within the Kubernetes version-skew
 * policy, kubernetes/website content/en/releases/version-skew-policy.md).
 */
export class ClusterAddons extends Construct {
  readonly beforeNodes: EksAddon[];
  private readonly props: Required<ClusterAddonsProps>;

  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);
    this.props = { ...defaultProps, ...props };
    const [withRole] = Object.keys(this.props.podIdentities);
    if (withRole && !this.props.beforeNodes.includes(POD_IDENTITY_AGENT)) {
      throw new Error(`add-on ${withRole} has a Pod Identity role but ${POD_IDENTITY_AGENT} is not installed before the nodes`);
    }
    this.beforeNodes = this.props.beforeNodes.map((name) => this.addon(name, []));
  }

  /** Adds the add-ons that need nodes, once the node groups exist. */
  addAfterNodes(nodes: ITerraformDependable[]): EksAddon[] {
    return this.props.afterNodes.map((name) => this.addon(name, nodes));
  }

  private addon(name: string, dependsOn: ITerraformDependable[]): EksAddon {
    const identity = this.props.podIdentities[name];
    const configuration = this.props.configurationValues[name];
    const version = new DataAwsEksAddonVersion(this, `${name}-version`, {
      addonName: name,
      kubernetesVersion: this.props.kubernetesVersion,
      mostRecent: true,
    });
    return new EksAddon(this, name, {
      clusterName: this.props.clusterName,
      addonName: name,
      addonVersion: version.version,
      configurationValues: configuration ? JSON.stringify(configuration) : undefined,
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      podIdentityAssociation: identity ? [{ serviceAccount: identity.serviceAccount, roleArn: identity.roleArn }] : undefined,
      dependsOn: [...dependsOn, ...(identity?.dependsOn ?? [])],
    });
  }
}
