import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Problems, RawSetting } from "./problems";
import { SETTINGS_SPEC, SETTING_NAMES } from "./settings-spec";
import type { SettingName } from "./settings-spec";

// Where settings come from: cdktf.json's context (as the cdktf CLI hands it over), EKS_POC_ variables, the defaults;
// what else the environment says that synth reads (the day to judge on) or reports (the AWS profile's region); and the
// names a source may hold.

/** Prefix of every environment variable that overrides a setting. */
export const ENV_PREFIX = "EKS_POC_";

/**
 * `EKS_POC_` variables that are not settings: the app's debug switch, the day
 * to synthesize as (SYNTH_DATE_VARIABLE) and the e2e harness's switch. Any
 * other `EKS_POC_` name that is not a setting's is refused.
 */
export const NON_SETTING_VARIABLES = ["EKS_POC_DEBUG", "EKS_POC_SYNTH_DATE", "EKS_POC_KEEP_HARNESS_LOGS"];

/**
 * The cdktf CLI hands cdktf.json's `context` to the app in this variable. It is
 * read here, before the App exists, because constructing the App already
 * creates folders in cdktf.out, and bad settings must leave nothing behind.
 */
export const CLI_CONTEXT_VARIABLE = "CDKTF_CONTEXT_JSON";

export function readCliContext(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const json = env[CLI_CONTEXT_VARIABLE];
  return json ? (JSON.parse(json) as Record<string, unknown>) : {};
}

/** `azCount` → `EKS_POC_AZ_COUNT`. */
export function envName(name: SettingName): string {
  return ENV_PREFIX + name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/**
 * Resolves each setting by precedence: `EKS_POC_<SETTING>`, then the spec's
 * `alsoFrom` variables (region: `AWS_REGION`, `AWS_DEFAULT_REGION`), then the context (cdktf.json's),
 * then the default. A variable set to the empty string clears the context's
 * value: the setting takes its default, unless its spec says `emptyIsNotDefault`.
 */
export function readRawSettings(
  context: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Record<SettingName, RawSetting>> {
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, pick(name, context, env)])) as Record<SettingName, RawSetting>;
}

/** What a setting would be without its `EKS_POC_` variable: what the environment adds to or overrides. */
export function readBelowVariable(
  name: SettingName,
  context: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): RawSetting {
  return pick(name, context, { ...env, [envName(name)]: undefined });
}

function pick(
  name: SettingName,
  context: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): RawSetting {
  const fromEnv = env[envName(name)];
  const spec = SETTINGS_SPEC[name];
  if (fromEnv !== undefined && (fromEnv.trim() !== "" || spec.emptyIsNotDefault)) {
    return { name, value: fromEnv, source: envName(name), origin: "environment" };
  }
  const also = (spec.alsoFrom ?? []).find((variable) => env[variable]);
  if (also) {
    return { name, value: env[also], source: also, origin: "environment" };
  }
  if (fromEnv !== undefined) {
    return { name, value: spec.default, source: `default, as ${envName(name)} is empty`, origin: "default" };
  }
  if (context[name] !== undefined) {
    return { name, value: context[name], source: "cdktf.json context", origin: "context" };
  }
  return { name, value: spec.default, source: "default", origin: "default" };
}

/**
 * Not a setting: synthesize as on that day (YYYY-MM-DD), for what EKS offers
 * then. Tests set it so that the calendar does not change their outcome.
 */
export const SYNTH_DATE_VARIABLE = "EKS_POC_SYNTH_DATE";

/** The day settings are judged on: noon UTC of EKS_POC_SYNTH_DATE when set, else now. */
export function synthDate(env: Readonly<Record<string, string | undefined>>, problems: Problems): Date {
  const value = env[SYNTH_DATE_VARIABLE];
  if (value === undefined || value === "") return new Date();
  const day = new Date(`${value}T12:00:00Z`);
  // A day of the calendar, written YYYY-MM-DD, is exactly what comes back from the Date it makes (2027-02-30 comes back as
  // 2027-03-02, +02027-01-01 as 2027-01-01; an invalid Date has no ISO string).
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    problems.add(
      { name: SYNTH_DATE_VARIABLE, value, source: "the environment", origin: "environment" },
      "format",
      "not a day of the calendar; allowed: YYYY-MM-DD, to synthesize as on that day",
    );
    return new Date();
  }
  return day;
}

/** The region an AWS CLI profile sets, and where. */
export interface ProfileRegion {
  readonly profile: string;
  readonly region: string;
  readonly file: string;
}

/**
 * The `region` of the profile the AWS CLI would use (`AWS_PROFILE`, else `default`) in its config file
 * (`AWS_CONFIG_FILE`, else `~/.aws/config`, where a named profile's section is `[profile NAME]`): AWS CLI user guide,
 * "Configuration and credential file settings". Read from `env` alone, never from this machine's home folder behind it,
 * so that a test's environment is the whole story. Undefined when there is no such file, section or line.
 */
export function profileRegion(env: Readonly<Record<string, string | undefined>>): ProfileRegion | undefined {
  const file = env.AWS_CONFIG_FILE || (env.HOME ? join(env.HOME, ".aws", "config") : undefined);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const profile = env.AWS_PROFILE || "default";
  const header = profile === "default" ? /^\[\s*(profile\s+)?default\s*\]$/ : new RegExp(`^\\[\\s*profile\\s+${escape(profile)}\\s*\\]$`);
  let inSection = false;
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    if (line.startsWith("[")) inSection = header.test(line);
    const setting = inSection ? /^region\s*=\s*(\S+)/.exec(line) : null;
    if (setting) return { profile, region: setting[1], file };
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

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
      problems.add(
        { name: variable, value: env[variable], source: "the environment", origin: "environment" },
        "unknown",
        `names no setting${hint(variable, variables)}; ` +
          `allowed: EKS_POC_ and a setting's name in capitals (docs/configuration.md), or ${NON_SETTING_VARIABLES.join(" or ")}`,
      );
    }
  }
  for (const key of Object.keys(context).sort()) {
    if (!(names as string[]).includes(key) && !CDKTF_CONTEXT_KEY.test(key) && !CDK_TERRAIN_CONTEXT_KEYS.includes(key)) {
      problems.add(
        { name: key, value: context[key], source: "cdktf.json context", origin: "context" },
        "unknown",
        `names no setting${hint(key, names)}; ` + "allowed: the settings of docs/configuration.md's table",
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
