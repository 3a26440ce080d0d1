import { REGION_PATTERN } from "./validate-cluster";
import { Problems } from "./parse-values";
import { RawSetting } from "./sources";

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
  const reason = bucket === "" ? undefined : bucketNameProblem(bucket);
  if (reason)
    problems.add(
      raw,
      `${reason}; allowed: an S3 bucket name (${MIN_LENGTH} to ${MAX_LENGTH} lowercase letters, digits, dots and hyphens), or empty for local state`,
    );
}

/** The state bucket's region: empty means the cluster's. */
export function checkStateRegion(region: string, raw: RawSetting, problems: Problems): void {
  if (region !== "" && !REGION_PATTERN.test(region)) {
    problems.add(raw, "allowed: an AWS region code such as us-east-1, or empty for the cluster's region");
  }
}

function bucketNameProblem(name: string): string | undefined {
  if (name.length < MIN_LENGTH || name.length > MAX_LENGTH) return `has ${name.length} characters`;
  if (!BUCKET_CHARACTERS.test(name)) return "may hold only lowercase letters, digits, dots and hyphens, with a letter or digit at each end";
  if (name.includes("..")) return "has two adjacent dots";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "is formatted as an IP address";
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `starts with ${prefix}, which S3 reserves`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `ends with ${suffix}, which S3 reserves`;
  return undefined;
}
