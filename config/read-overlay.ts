import { ConfigError } from "./config-error";
import { parseAndCheck } from "./load-settings";
import { Problems } from "./parse-values";
import { SETTINGS_SPEC } from "./settings-spec";
import { readRawSettings } from "./sources";

/**
 * The overlay setting alone, from the same sources and with the same check as
 * loadSettings: for the scripts that only render the overlay (npm start,
 * npm run verify --url). A deployed cluster is verified, and the local one
 * started, even when another setting, or the Kubernetes version calendar,
 * would stop a new synth. Throws a ConfigError naming the value and its source.
 */
export function readOverlay(
  context: Readonly<Record<string, unknown>> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const raw = readRawSettings(context, env).overlay;
  const problems = new Problems();
  const overlay = parseAndCheck(SETTINGS_SPEC.overlay, raw, problems);
  if (problems.lines.length > 0) throw new ConfigError(problems.lines);
  return overlay;
}
