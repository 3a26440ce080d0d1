import type { SettingName } from "./settings-spec";
import { Problems } from "./parse-values";
import { RawSetting } from "./sources";

/** The parsed settings whose effect depends on others. */
export interface UnusedSettingsInput {
  readonly subnetMode: string;
  readonly privateSubnetCidrs: readonly string[];
  readonly publicSubnetCidrs: readonly string[];
  readonly singleNatGateway: boolean;
  readonly stateBucket: string;
}

/**
 * Refuses a setting written by the user where it has no effect,
 * rather than ignore it: the user believes it applies.
 */
export function checkUnusedSettings(input: UnusedSettingsInput, get: (name: SettingName) => RawSetting, problems: Problems): void {
  // Written by the user (cdktf.json, the CLI's context or a variable), even with the default's value: the user believes it
  // applies. An empty value, like an empty variable, asks for the default's meaning.
  const chosen = (name: "subnetPrefixLength" | "stateKeyPrefix" | "stateRegion"): boolean =>
    get(name).origin !== "default" && String(get(name).value).trim() !== "";
  if (input.subnetMode === "public") {
    if (input.privateSubnetCidrs.length > 0) {
      problems.add(
        get("privateSubnetCidrs"),
        "has no effect with subnetMode public, which makes no private subnet; allowed: empty, or subnetMode private",
      );
    }
    if (input.singleNatGateway) {
      problems.add(
        get("singleNatGateway"),
        "has no effect with subnetMode public, which makes no NAT gateway; allowed: false, or subnetMode private",
      );
    }
  }
  const allExplicit = input.publicSubnetCidrs.length > 0 && (input.subnetMode !== "private" || input.privateSubnetCidrs.length > 0);
  if (allExplicit && chosen("subnetPrefixLength")) {
    problems.add(
      get("subnetPrefixLength"),
      "has no effect: every subnet's CIDR is given explicitly; allowed: the default, or fewer explicit subnet lists",
    );
  }
  if (input.stateBucket === "") {
    for (const name of ["stateKeyPrefix", "stateRegion"] as const) {
      if (chosen(name))
        problems.add(
          get(name),
          "has no effect without stateBucket: the state stays in local files; allowed: the default, or set stateBucket",
        );
    }
  }
}
