import { loadSettings } from "../../config/load-settings";
import type { Settings, SettingName } from "../../config/settings-spec";
import { envName } from "../../config/sources";

import { TODAY } from "./today";

export { TODAY };

/** Settings as a user would get them from environment variables alone (no AWS_REGION leaking in from the machine). */
export function settingsFrom(env: Record<string, string> = {}, today: Date = TODAY): Settings {
  return loadSettings({}, env, today);
}

/** The problems a bad environment produces, one line each. */
export function problemsFrom(env: Record<string, string>, today: Date = TODAY): string[] {
  try {
    loadSettings({}, env, today);
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
  throw new Error(`settings were accepted: ${JSON.stringify(env)}`);
}

export const EXPLICIT_AZS = { EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" };

/** The problems a cdktf.json context (and environment) produces, one line each; [] when accepted. */
export function problemsOf(context: Record<string, unknown>, env: Record<string, string> = {}): string[] {
  try {
    loadSettings(context, env, TODAY);
    return [];
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
}

/** A setting's value as its variable spells it: lists comma-separated, maps key=value. */
export function asVariable(value: unknown): string {
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "object" && value !== null) {
    return Object.entries(value)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(",");
  }
  return String(value);
}

/**
 * The edge of a rule, from cdktf.json and from the variable: `accepted` passes and `refused` gets one line naming the
 * setting, the value, its source and `reason`. `beside` are other settings (context form) the case needs.
 */
export function expectEdge(
  name: SettingName,
  accepted: unknown,
  refused: unknown,
  reason: string,
  beside: Record<string, unknown> = {},
): void {
  const besideEnv = Object.fromEntries(Object.entries(beside).map(([key, value]) => [envName(key as SettingName), asVariable(value)]));
  expect(problemsOf({ ...beside, [name]: accepted })).toEqual([]);
  expect(problemsOf({}, { ...besideEnv, [envName(name)]: asVariable(accepted) })).toEqual([]);
  const fromContext = problemsOf({ ...beside, [name]: refused });
  expect(fromContext).toEqual([expect.stringContaining(`${name} = ${JSON.stringify(refused)} (from cdktf.json context): `)]);
  expect(fromContext[0]).toContain(reason);
  const variable = asVariable(refused);
  const fromEnv = problemsOf({}, { ...besideEnv, [envName(name)]: variable });
  expect(fromEnv).toEqual([expect.stringContaining(`${name} = ${JSON.stringify(variable)} (from ${envName(name)}): `)]);
  expect(fromEnv[0]).toContain(reason);
}
