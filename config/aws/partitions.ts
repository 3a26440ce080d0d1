/**
 * AWS partitions and the region names each one uses, as the AWS SDKs match them
 * (aws/aws-sdk-js-v3, packages/util-endpoints/src/lib/aws/partitions.json,
 * `regionRegex`; lower case, as region codes are). Offline, synth can tell a
 * name no partition uses from a region's; whether the region exists is for
 * `terraform plan` to ask AWS.
 */
export const PARTITIONS = [
  { id: "aws", pattern: /^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/, example: "us-east-1" },
  { id: "aws-cn", pattern: /^cn-[a-z]+-\d+$/, example: "cn-north-1" },
  { id: "aws-us-gov", pattern: /^us-gov-[a-z]+-\d+$/, example: "us-gov-west-1" },
  { id: "aws-iso", pattern: /^us-iso-[a-z]+-\d+$/, example: "us-iso-east-1" },
  { id: "aws-iso-b", pattern: /^us-isob-[a-z]+-\d+$/, example: "us-isob-east-1" },
  { id: "aws-iso-e", pattern: /^eu-isoe-[a-z]+-\d+$/, example: "eu-isoe-west-1" },
  { id: "aws-iso-f", pattern: /^us-isof-[a-z]+-\d+$/, example: "us-isof-south-1" },
  { id: "aws-eusc", pattern: /^eusc-de-[a-z]+-\d+$/, example: "eusc-de-east-1" },
] as const;

/** The partition whose region names `region` follows; undefined for a name no partition uses. */
export function partitionOf(region: string): string | undefined {
  return PARTITIONS.find(({ pattern }) => pattern.test(region))?.id;
}

/** The partition an ARN names (`arn:<partition>:...`); undefined for what is not an ARN. */
export function arnPartition(arn: string): string | undefined {
  return /^arn:([a-z-]+):/.exec(arn)?.[1];
}

/** What a refusal of a region name says is allowed. */
export const REGION_NAMES = `a region code of an AWS partition (${PARTITIONS.map(({ id, example }) => `${id}: ${example}`).join(", ")})`;
