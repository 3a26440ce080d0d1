import type { SettingName } from "./settings-spec";
import { Problems } from "./parse-values";
import { arnPartition, partitionOf } from "./partitions";
import { RawSetting } from "./sources";

/**
 * An ARN names its partition (`arn:aws-cn:...`), and a partition's credentials and resources do not reach another's:
 * an admin principal or a flow-log bucket of another partition than the region's fails at deploy. Names no partition
 * uses are refused by their own rules, and are not judged here again.
 */
export function checkPartitions(
  input: { region: string; adminPrincipalArns: readonly string[]; flowLogDestination: string },
  get: (name: SettingName) => RawSetting,
  problems: Problems,
): void {
  const partition = partitionOf(input.region);
  if (partition === undefined) return;
  const foreign = (arn: string): boolean => {
    const named = arnPartition(arn);
    return named !== undefined && named !== partition;
  };
  const where = `the partition of region ${input.region}`;
  const principals = input.adminPrincipalArns.filter(foreign);
  if (principals.length > 0) {
    problems.add(
      get("adminPrincipalArns"),
      `${principals.join(", ")} ${principals.length > 1 ? "are" : "is"} not in ${partition}, ${where}; allowed: arn:${partition}:iam:: ARNs`,
    );
  }
  if (foreign(input.flowLogDestination)) {
    problems.add(
      get("flowLogDestination"),
      `is not in ${partition}, ${where}; allowed: an arn:${partition}:s3::: bucket ARN, cloudwatch or none`,
    );
  }
}
