import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

/**
 * cdktf.json, as the cdktf CLI reads it. Its `context` holds only the settings
 * the user wrote (none as shipped; the defaults are in config/settings-spec.ts),
 * and may be left out. The context the app gets also carries `targetVersions`,
 * the Terraform versions the project supports, as CDK Terrain's CLI copies it
 * there (@cdktn/commons parseConfig); cdktf 0.21's CLI ignores that field.
 */
export function readCdktfJson(): { app: string; context: Record<string, unknown> } {
  const json = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8")) as {
    app: string;
    context?: Record<string, unknown>;
    targetVersions?: Record<string, string>;
  };
  return { ...json, context: { ...json.context, ...(json.targetVersions ? { targetVersions: json.targetVersions } : {}) } };
}

/** The environment the cdktf CLI gives the app: its context and where to write. */
export function appEnvironment(outdir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CDKTF_CONTEXT_JSON: JSON.stringify(readCdktfJson().context),
    CDKTF_OUTDIR: outdir,
    ...extra,
  };
}
