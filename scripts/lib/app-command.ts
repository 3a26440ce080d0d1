import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

/** cdktf.json, as the cdktf CLI reads it. */
export function readCdktfJson(): { app: string; context: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8")) as { app: string; context: Record<string, unknown> };
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
