import { SETTING_NAMES } from "./settings-spec";
import { ENV_PREFIX, NON_SETTING_VARIABLES } from "./constants";
import { Problems } from "./parse-values";
import { envName } from "./sources";

/** Keys the cdktf CLI and library put in or read from the context themselves (cdktfRelativeModules, @cdktf/...). */
const CDKTF_CONTEXT_KEY = /^(cdktf|@cdktf\/)/;

/**
 * CDK Terrain's own context keys: `targetVersions` (lib/validations/target-versions.ts; its CLI copies cdktf.json's
 * `targetVersions` into the context) and the feature flags `cdktn init` writes (lib/features.ts).
 */
const CDK_TERRAIN_CONTEXT_KEYS: readonly string[] = ["targetVersions", "failOnConstructsOutsideOfStacks", "canonicalAssetHashes"];

/**
 * Refuses `EKS_POC_` variables and cdktf.json context keys that name no
 * setting: a typo would otherwise deploy the default without a word. Names
 * the closest known one when the typo is near enough to guess.
 */
export function checkUnknownSettings(
  context: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  problems: Problems,
): void {
  const names = SETTING_NAMES;
  const variables = [...names.map(envName), ...NON_SETTING_VARIABLES];
  for (const variable of Object.keys(env)
    .filter((key) => key.startsWith(ENV_PREFIX))
    .sort()) {
    if (!variables.includes(variable)) {
      problems.addLine(
        `${variable} = ${JSON.stringify(env[variable])} (from the environment): names no setting${hint(variable, variables)}; ` +
          `allowed: EKS_POC_ and a setting's name in capitals (README, Configuration), or ${NON_SETTING_VARIABLES.join(" or ")}`,
      );
    }
  }
  for (const key of Object.keys(context).sort()) {
    if (!(names as string[]).includes(key) && !CDKTF_CONTEXT_KEY.test(key) && !CDK_TERRAIN_CONTEXT_KEYS.includes(key)) {
      problems.addLine(
        `${key} = ${JSON.stringify(context[key])} (from cdktf.json context): names no setting${hint(key, names)}; ` +
          "allowed: the settings of the README's configuration table",
      );
    }
  }
}

/**
 * " (did you mean X?)" when a known name is within a third of the name's length in edits (one at least). Variables are
 * compared without their common EKS_POC_ prefix, which would otherwise count towards the length and make any short
 * name "close".
 */
function hint(name: string, known: readonly string[]): string {
  const bare = (text: string): string => (text.startsWith(ENV_PREFIX) ? text.slice(ENV_PREFIX.length) : text).toLowerCase();
  const [best] = known
    .map((candidate) => ({ candidate, distance: editDistance(bare(name), bare(candidate)) }))
    .sort((a, b) => a.distance - b.distance);
  return best && best.distance <= Math.max(1, Math.floor(bare(name).length / 3)) ? ` (did you mean ${best.candidate}?)` : "";
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
