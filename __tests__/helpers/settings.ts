import { loadSettings } from "../../config/load-settings";
import { Settings } from "../../config/settings";

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
