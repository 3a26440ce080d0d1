import { Construct } from "constructs";
import { DataAwsEksClusterVersions } from "@cdktf/provider-aws/lib/data-aws-eks-cluster-versions";
import { EXTENDED_SUPPORT_PRICES } from "../config/rules/cluster";

export interface KubernetesVersionCheckProps {
  /** The Kubernetes minor version the cluster runs, e.g. `1.35`. */
  readonly kubernetesVersion: string;
  /** Whether a version in extended support is accepted, at its price. */
  readonly allowExtendedSupport: boolean;
  /** The region the stack deploys to, for messages. */
  readonly region: string;
}

/**
 * Asks EKS at plan whether it offers the version in the region and in which
 * support phase (DescribeClusterVersions, through `aws_eks_cluster_versions`):
 * the plan stops when EKS does not offer it, or when it is in extended support
 * and `allowExtendedSupport` is off. AWS's answer decides; the calendar in
 * config/aws/eks-versions.ts only gives the same answer earlier, offline, for the
 * versions it lists.
 */
export class KubernetesVersionCheck extends Construct {
  readonly versions: DataAwsEksClusterVersions;

  constructor(scope: Construct, id: string, props: KubernetesVersionCheckProps) {
    super(scope, id);
    const version = JSON.stringify(props.kubernetesVersion);
    const entries = `[for entry in self.cluster_versions : entry if entry.cluster_version == ${version}]`;
    const status = `one(${entries}[*].version_status)`;
    const offered = `${status} != null && ${status} != "UNSUPPORTED"`;
    const allowed = props.allowExtendedSupport ? ["STANDARD_SUPPORT", "EXTENDED_SUPPORT"] : ["STANDARD_SUPPORT"];
    const offeredList =
      `join(", ", [for entry in self.cluster_versions : "\${entry.cluster_version} (\${lower(replace(entry.version_status, "_", " "))})" ` +
      `if entry.version_status != "UNSUPPORTED"])`;
    this.versions = new DataAwsEksClusterVersions(this, "versions", {
      lifecycle: {
        postcondition: [
          {
            condition: `\${${offered}}`,
            errorMessage:
              `kubernetesVersion = ${version}: EKS does not offer it in ${props.region} (DescribeClusterVersions); ` +
              `allowed: \${${offeredList}}`,
          },
          {
            condition: `\${!(${offered}) || contains(${JSON.stringify(allowed)}, ${status})}`,
            errorMessage:
              `kubernetesVersion = ${version}: EKS has it in extended support since ` +
              `\${substr(one(${entries}[*].end_of_standard_support_date), 0, 10)} (DescribeClusterVersions), which costs ${EXTENDED_SUPPORT_PRICES}; ` +
              "set allowExtendedSupport to true to pay that, or choose a version in standard support",
          },
        ],
      },
    });
  }
}
