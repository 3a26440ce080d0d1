import { SETTINGS_SPEC, SETTING_NAMES, SettingName } from "./settings-spec";
import { ENV_PREFIX } from "./constants";

/** A setting's value before parsing, and where it came from, for error messages. */
export interface RawSetting {
  readonly name: string;
  readonly value: unknown;
  /** Where it came from, for messages: the variable's name, "cdktf.json context" or "default". */
  readonly source: string;
  /** "default": not written by the user, wherever; any other origin is the user's choice. */
  readonly origin: "environment" | "context" | "default";
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
