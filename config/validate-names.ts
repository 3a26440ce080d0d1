import type { SettingName } from "./settings-spec";
import { derivedNames } from "./derived-names";
import { Problems } from "./parse-values";
import { RawSetting } from "./sources";

/** Refuses a cluster name whose derived names (roles, node groups, prefixes, log group) AWS would reject. */
export function checkDerivedNames(clusterName: string, azCount: number, get: (name: SettingName) => RawSetting, problems: Problems): void {
  if (!Number.isInteger(azCount)) return;
  for (const { what, name, limit, room } of derivedNames(clusterName, azCount)) {
    if (name.length > limit) {
      problems.add(
        get("clusterName"),
        `makes the ${what} "${name}" ${name.length} characters; allowed: at most ${limit}, so a cluster name of at most ${room}`,
      );
    }
  }
}
