/** The block devices of an AMI family: the OS on `os`, container images and pod storage on `data`. */
export interface AmiDevices {
  readonly os: string;
  readonly data: string;
}

/**
 * AL2023 keeps everything on its root volume. Bottlerocket boots from a small
 * root volume (`/dev/xvda`, the OS partitions) and keeps containers on a second
 * one (`/dev/xvdb`), per the Bottlerocket README's "Default Volumes".
 */
export const FAMILY_DEVICES = {
  AL2023: { os: "/dev/xvda", data: "/dev/xvda" },
  BOTTLEROCKET: { os: "/dev/xvda", data: "/dev/xvdb" },
} as const satisfies Record<string, AmiDevices>;

/**
 * The EKS managed node group AMI types (aws_eks_node_group `ami_type`) the
 * launch template knows the devices of, with their family. Windows and AL2 are
 * not accepted: their devices are not mapped here.
 */
export const EKS_AMI_TYPES = {
  AL2023_x86_64_STANDARD: "AL2023",
  AL2023_ARM_64_STANDARD: "AL2023",
  AL2023_x86_64_NVIDIA: "AL2023",
  AL2023_x86_64_NEURON: "AL2023",
  BOTTLEROCKET_x86_64: "BOTTLEROCKET",
  BOTTLEROCKET_ARM_64: "BOTTLEROCKET",
} as const satisfies Record<string, keyof typeof FAMILY_DEVICES>;

export type EksAmiType = keyof typeof EKS_AMI_TYPES;

export function isEksAmiType(value: string): value is EksAmiType {
  return Object.hasOwn(EKS_AMI_TYPES, value);
}

/** The devices of an accepted AMI type. */
export function amiDevices(amiType: EksAmiType): AmiDevices {
  return FAMILY_DEVICES[EKS_AMI_TYPES[amiType]];
}

/** The accepted AMI types of one family, in the order EKS_AMI_TYPES lists them. */
export function amiTypesOf(family: keyof typeof FAMILY_DEVICES): EksAmiType[] {
  return (Object.keys(EKS_AMI_TYPES) as EksAmiType[]).filter((type) => EKS_AMI_TYPES[type] === family);
}
