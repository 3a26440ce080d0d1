import { Construct } from "constructs";
import { DataAwsEc2InstanceType } from "@cdktf/provider-aws/lib/data-aws-ec2-instance-type";
import { DataAwsEc2InstanceTypeOfferings } from "@cdktf/provider-aws/lib/data-aws-ec2-instance-type-offerings";
import type { EksAmiType } from "../config/aws/ami-types";
import { amiArchitecture } from "../config/aws/instance-types";
import type { PodCount } from "../config/rules/nodes";

export interface InstanceTypeChecksProps {
  /** The node instance types. */
  readonly instanceTypes: readonly string[];
  /** The nodes' AMI type, whose architecture each type must run. */
  readonly amiType: EksAmiType;
  /** The most pods one node may run, and what they are. */
  readonly podsPerNode: PodCount;
  /** The region the stack deploys to, for messages. */
  readonly region: string;
}

/**
 * Asks EC2 at plan about each node instance type: whether the region offers
 * it (DescribeInstanceTypeOfferings), whether it runs the AMI type's
 * architecture and whether the VPC CNI lets it hold the pods a node may run,
 * ENIs × (IPv4 addresses per ENI − 1) + 2 (DescribeInstanceTypes). The plan
 * stops with one line per failed check. config/aws/instance-network-limits.ts
 * gives the same answers earlier, offline, for the types it lists.
 */
export class InstanceTypeChecks extends Construct {
  readonly offerings: DataAwsEc2InstanceTypeOfferings;
  readonly types: DataAwsEc2InstanceType[];

  constructor(scope: Construct, id: string, props: InstanceTypeChecksProps) {
    super(scope, id);
    const wanted = JSON.stringify(props.instanceTypes);
    const missing = `sort(setsubtract(${wanted}, self.instance_types))`;
    this.offerings = new DataAwsEc2InstanceTypeOfferings(this, "offerings", {
      locationType: "region",
      filter: [{ name: "instance-type", values: [...props.instanceTypes] }],
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(${missing}) == 0}`,
            errorMessage:
              `nodeInstanceTypes = ${props.instanceTypes.join(",")}: EC2 does not offer \${join(", ", ${missing})} in ${props.region} ` +
              "(DescribeInstanceTypeOfferings); allowed: types the region offers (aws ec2 describe-instance-type-offerings)",
          },
        ],
      },
    });
    const architecture = amiArchitecture(props.amiType);
    const pods = props.podsPerNode;
    // The offerings check runs first: a type EC2 does not know fails DescribeInstanceTypes with the provider's error.
    this.types = props.instanceTypes.map(
      (type, i) =>
        new DataAwsEc2InstanceType(this, `type-${i}`, {
          instanceType: type,
          dependsOn: [this.offerings],
          lifecycle: {
            postcondition: [
              {
                condition: `\${contains(self.supported_architectures, "${architecture}")}`,
                errorMessage:
                  `nodeInstanceTypes: ${type} runs \${join(", ", self.supported_architectures)}, but nodeAmiType = ${props.amiType} boots ` +
                  `${architecture} (DescribeInstanceTypes); allowed: ${architecture} types, or an AMI type of the instance's architecture`,
              },
              {
                condition: `\${self.maximum_network_interfaces * (self.maximum_ipv4_addresses_per_interface - 1) + 2 >= ${pods.total}}`,
                errorMessage:
                  `nodeInstanceTypes: ${type} holds at most \${self.maximum_network_interfaces * (self.maximum_ipv4_addresses_per_interface - 1) + 2} pods ` +
                  `(VPC CNI: \${self.maximum_network_interfaces} ENIs × (\${self.maximum_ipv4_addresses_per_interface} IPv4 − 1) + 2, DescribeInstanceTypes), ` +
                  `but a node may run ${pods.total} (${pods.parts.join(", ")}); allowed: a type that holds ${pods.total}`,
              },
            ],
          },
        }),
    );
  }
}
