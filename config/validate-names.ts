import type { SettingName } from "./settings-spec";
import { derivedNames } from "./derived-names";
import { Problems } from "./parse-values";
import { RawSetting } from "./sources";

/**
 * Refuses a cluster name whose derived names (roles, node groups, prefixes, log group) AWS would reject; the flow-log
 * role counts only when flow logs go to CloudWatch Logs, the one destination that has it (constructs/vpc-flow-logs.ts).
 */
export function checkDerivedNames(
  input: { clusterName: string; flowLogDestination: string },
  azCount: number,
  get: (name: SettingName) => RawSetting,
  problems: Problems,
): void {
  if (!Number.isInteger(azCount)) return;
  const { clusterName, flowLogDestination } = input;
  for (const { what, name, limit, room } of derivedNames(clusterName, azCount, flowLogDestination === "cloudwatch")) {
    if (name.length > limit) {
      problems.add(
        get("clusterName"),
        `makes the ${what} "${name}" ${name.length} characters; allowed: at most ${limit}, so a cluster name of at most ${room}`,
      );
    }
  }
}
