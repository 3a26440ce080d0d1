import { REGION_NAMES, partitionOf } from "../aws/partitions";
import { written } from "../problems";
import type { GetRaw, Problems, RawSetting, Refusal } from "../problems";

// The rules of the settings of docs/configuration.md's Terraform state group: the bucket, its key prefix and its region.

/**
 * S3 general purpose bucket naming rules (S3 user guide, "General purpose
 * bucket naming rules"): 3 to 63 characters of lowercase letters, digits, dots
 * and hyphens, a letter or digit at each end, no two adjacent dots, not an IP
 * address, and none of the reserved prefixes and suffixes.
 */
export const BUCKET_NAME_LENGTH = { min: 3, max: 63 } as const;
const { min: MIN_LENGTH, max: MAX_LENGTH } = BUCKET_NAME_LENGTH;
const BUCKET_CHARACTERS = new RegExp(`^[a-z0-9][a-z0-9.-]{${MIN_LENGTH - 2},${MAX_LENGTH - 2}}[a-z0-9]$`);
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** The state bucket's name: empty keeps local state. */
export function checkStateBucket(bucket: string, raw: RawSetting, problems: Problems): void {
  const found = bucket === "" ? undefined : bucketNameProblem(bucket);
  if (found)
    problems.add(
      raw,
      found[0],
      `${found[1]}; allowed: an S3 bucket name (${MIN_LENGTH} to ${MAX_LENGTH} lowercase letters, digits, dots and hyphens), or empty for local state`,
    );
}

/** The state bucket's region: empty means the cluster's. */
export function checkStateRegion(region: string, raw: RawSetting, problems: Problems): void {
  if (region !== "" && partitionOf(region) === undefined) {
    problems.add(raw, "format", `allowed: ${REGION_NAMES}, or empty for the cluster's region`);
  }
}

/**
 * The state key is `<stateKeyPrefix>/<stack>.tfstate`; Terraform's S3 backend refuses a key that is empty, starts or
 * ends with / (hashicorp/terraform, internal/backend/remote-state/s3/validate.go, validateStringS3Path) or holds //
 * (backend.go, the key's validators): a prefix that is empty, starts or ends with /, or holds //, makes such a key.
 */
export function checkStateKeyPrefix(prefix: string, raw: RawSetting, problems: Problems): void {
  const key = `${prefix}/<stack>.tfstate`;
  if (prefix === "" || prefix.startsWith("/") || prefix.endsWith("/") || prefix.includes("//")) {
    problems.add(
      raw,
      "format",
      `makes the state key "${key}", which Terraform's S3 backend refuses (a key may not start with /, end with / or hold //); ` +
        "allowed: a prefix that neither starts nor ends with / and has no //, such as eks-haproxy-poc or teams/eks",
    );
  }
}

/** What S3 refuses of a bucket name, and why in words. */
function bucketNameProblem(name: string): [Refusal, string] | undefined {
  if (name.length < MIN_LENGTH || name.length > MAX_LENGTH) return ["range", `has ${name.length} characters`];
  if (!BUCKET_CHARACTERS.test(name))
    return ["format", "may hold only lowercase letters, digits, dots and hyphens, with a letter or digit at each end"];
  if (name.includes("..")) return ["format", "has two adjacent dots"];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return ["format", "is formatted as an IP address"];
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return ["reserved", `starts with ${prefix}, which S3 reserves`];
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return ["reserved", `ends with ${suffix}, which S3 reserves`];
  return undefined;
}

/** Refuses a state key prefix or region written without a bucket: the state stays in local files, where neither applies. */
export function checkStateWithoutBucket(
  input: { stateBucket: string },
  get: GetRaw<"stateKeyPrefix" | "stateRegion">,
  problems: Problems,
): void {
  if (input.stateBucket !== "") return;
  for (const name of ["stateKeyPrefix", "stateRegion"] as const) {
    if (written(get(name)))
      problems.add(
        get(name),
        "no-effect",
        "has no effect without stateBucket: the state stays in local files; allowed: the default, or set stateBucket",
      );
  }
}
