import { loadSettings } from "../../config/load-settings";
import type { ConfigError, Problem, Reason } from "../../config/problems";
import type { Settings, SettingName } from "../../config/settings-spec";
import { envName } from "../../config/sources";

import { TODAY } from "./today";

export { TODAY };

/** Settings as a user would get them from environment variables alone (no AWS_REGION leaking in from the machine). */
export function settingsFrom(env: Record<string, string> = {}, today: Date = TODAY): Settings {
  return loadSettings({}, env, today);
}

/** The problems a bad environment produces, as data (setting, value, source, reason, detail). */
export function refusalsFrom(env: Record<string, string>, today: Date = TODAY): Problem[] {
  try {
    loadSettings({}, env, today);
  } catch (error) {
    return [...(error as ConfigError).problems];
  }
  throw new Error(`settings were accepted: ${JSON.stringify(env)}`);
}

/** What a test asserts of a problem: which setting, from where, and why; the words are checked once per reason (problems.test.ts). */
export function refusal(setting: string, source: string, reason: Reason): { setting: string; source: string; reason: Reason } {
  return { setting, source, reason };
}

/** The meaning of each problem: its setting, source and reason, in order. */
export function meaningOf(problems: readonly Problem[]): Array<ReturnType<typeof refusal>> {
  return problems.map(({ setting, source, reason }) => refusal(setting, source, reason));
}

/**
 * A problem as a test asserts it: its setting, source and reason and, where the test is about it, the salient part of
 * its detail (the item at fault, a limit), never the whole sentence.
 */
export function refused(setting: string, source: string, reason: Reason, salient?: string): Problem {
  const detail = salient === undefined ? {} : { detail: expect.stringContaining(salient) as string };
  return expect.objectContaining({ ...refusal(setting, source, reason), ...detail }) as Problem;
}

export const EXPLICIT_AZS = { EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" };

/** The problems a cdktf.json context (and environment) produces, as data; [] when accepted. */
export function refusalsOf(context: Record<string, unknown>, env: Record<string, string> = {}): Problem[] {
  try {
    loadSettings(context, env, TODAY);
    return [];
  } catch (error) {
    return [...(error as ConfigError).problems];
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
 * The edge of a rule, from cdktf.json and from the variable: `accepted` passes and `refused` gets one problem naming
 * the setting, the value, its source and `reason`. `beside` are other settings (context form) the case needs.
 */
export function expectEdge(
  name: SettingName,
  accepted: unknown,
  refused: unknown,
  reason: Reason,
  beside: Record<string, unknown> = {},
): void {
  const besideEnv = Object.fromEntries(Object.entries(beside).map(([key, value]) => [envName(key as SettingName), asVariable(value)]));
  expect(refusalsOf({ ...beside, [name]: accepted })).toEqual([]);
  expect(refusalsOf({}, { ...besideEnv, [envName(name)]: asVariable(accepted) })).toEqual([]);
  expect(refusalsOf({ ...beside, [name]: refused })).toEqual([
    expect.objectContaining({ ...refusal(name, "cdktf.json context", reason), value: refused }),
  ]);
  const variable = asVariable(refused);
  expect(refusalsOf({}, { ...besideEnv, [envName(name)]: variable })).toEqual([
    expect.objectContaining({ ...refusal(name, envName(name), reason), value: variable }),
  ]);
}
