import type { EksAmiType } from "./ami-types";
import { INSTANCE_NETWORK_LIMITS } from "./instance-network-limits";

export type Architecture = "x86_64" | "arm64";

/**
 * EC2 names a type family, generation, then processor and capabilities, then
 * size (EC2 "Instance type naming conventions"): m7g.large is family m,
 * generation 7, processor g. The processor letters are a (AMD), g (Graviton)
 * and i (Intel); no letter means Intel. So a `g` right after the generation
 * means arm64, anything else x86_64, with one exception: the first Graviton,
 * a1, predates the convention.
 */
const TYPE_NAME = /^([a-z]+)(\d+)([a-z-]*)\.[a-z0-9]+$/;
const PROCESSOR_ARCHITECTURE: Readonly<Record<string, Architecture>> = { a: "x86_64", g: "arm64", i: "x86_64" };
const FAMILY_ARCHITECTURE: Readonly<Record<string, Architecture>> = { a1: "arm64" };

/** The architecture an instance type's name says, or undefined for a name outside the convention. */
export function instanceArchitecture(instanceType: string): Architecture | undefined {
  const match = TYPE_NAME.exec(instanceType);
  if (!match) return undefined;
  const [, family, generation, attributes] = match;
  return FAMILY_ARCHITECTURE[family + generation] ?? PROCESSOR_ARCHITECTURE[attributes.charAt(0)] ?? "x86_64";
}

/** The EKS AMI types name their architecture: AL2023_ARM_64_STANDARD, BOTTLEROCKET_x86_64. */
export function amiArchitecture(amiType: EksAmiType): Architecture {
  return amiType.includes("ARM_64") ? "arm64" : "x86_64";
}

/**
 * Pods the VPC CNI lets a node run: ENIs × (IPv4 addresses per ENI − 1) + 2
 * (each ENI's first address is its own; the 2 are aws-node and kube-proxy on the
 * host network), as in aws/amazon-vpc-cni-k8s misc/eni-max-pods.txt and the EKS
 * AMIs' max-pods. Undefined for a type not in the table.
 */
export function maxPods(instanceType: string): number | undefined {
  const limits = INSTANCE_NETWORK_LIMITS[instanceType];
  return limits && limits[0] * (limits[1] - 1) + 2;
}
