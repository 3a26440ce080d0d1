import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";

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
 * EKS managed add-ons at the versions EKS picks for the cluster's Kubernetes
 * version. Networking add-ons come first; coredns waits for nodes, since its
 * pods cannot schedule before there are any. An add-on with a Pod Identity
 * role comes after the Pod Identity agent, which serves its credentials on
 * each node (the agent runs on the host network, so it needs no CNI).
 */
export class ClusterAddons extends Construct {
  readonly beforeNodes: EksAddon[];
  private readonly props: Required<ClusterAddonsProps>;
  private agent?: EksAddon;

  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);
    this.props = { ...defaultProps, ...props };
    const names = this.props.beforeNodes;
    const agentFirst = [...names.filter((name) => name === POD_IDENTITY_AGENT), ...names.filter((name) => name !== POD_IDENTITY_AGENT)];
    const created = agentFirst.map((name) => this.addon(name, []));
    this.beforeNodes = names.map((name) => created[agentFirst.indexOf(name)]);
  }

  /** Adds the add-ons that need nodes, once the node groups exist. */
  addAfterNodes(nodes: ITerraformDependable[]): EksAddon[] {
    return this.props.afterNodes.map((name) => this.addon(name, nodes));
  }

  private addon(name: string, dependsOn: ITerraformDependable[]): EksAddon {
    const identity = this.props.podIdentities[name];
    const agent = this.agent;
    if (identity && !agent) {
      throw new Error(`add-on ${name} has a Pod Identity role but ${POD_IDENTITY_AGENT} is not installed before it`);
    }
    const configuration = this.props.configurationValues[name];
    const addon = new EksAddon(this, name, {
      clusterName: this.props.clusterName,
      addonName: name,
      configurationValues: configuration ? JSON.stringify(configuration) : undefined,
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      podIdentityAssociation: identity ? [{ serviceAccount: identity.serviceAccount, roleArn: identity.roleArn }] : undefined,
      dependsOn: identity && agent ? [...dependsOn, agent, ...(identity.dependsOn ?? [])] : dependsOn,
    });
    if (name === POD_IDENTITY_AGENT) this.agent = addon;
    return addon;
  }
}
