import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";

export interface ClusterAddonsProps {
  /** Cluster name. */
  readonly clusterName: string;
  /** Add-ons the nodes need to become Ready. @default ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"] */
  readonly beforeNodes?: readonly string[];
  /** Add-ons that need running nodes, or they end DEGRADED. @default ["coredns"] */
  readonly afterNodes?: readonly string[];
}

const defaultProps = {
  beforeNodes: ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"] as readonly string[],
  afterNodes: ["coredns"] as readonly string[],
};

/**
 * EKS managed add-ons at the versions EKS picks for the cluster's Kubernetes
 * version. Networking add-ons come first; coredns waits for nodes, since its
 * pods cannot schedule before there are any.
 */
export class ClusterAddons extends Construct {
  readonly beforeNodes: EksAddon[];
  private readonly props: Required<ClusterAddonsProps>;

  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);
    this.props = { ...defaultProps, ...props };
    this.beforeNodes = this.props.beforeNodes.map((name) => this.addon(name, []));
  }

  /** Adds the add-ons that need nodes, once the node groups exist. */
  addAfterNodes(nodes: ITerraformDependable[]): EksAddon[] {
    return this.props.afterNodes.map((name) => this.addon(name, nodes));
  }

  private addon(name: string, dependsOn: ITerraformDependable[]): EksAddon {
    return new EksAddon(this, name, {
      clusterName: this.props.clusterName,
      addonName: name,
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      dependsOn,
    });
  }
}
