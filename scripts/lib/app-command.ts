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
export function readCdktfJson(file: string = join(PROJECT_ROOT, "cdktf.json")): { app: string; context: Record<string, unknown> } {
  const json = parseJsonFile(file) as {
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

/**
 * A JSON file's content; a syntax error names the file and the line and column (JSON.parse gives only an offset, and
 * not the file), as `file:line:column`, which editors open.
 */
export function parseJsonFile(file: string): unknown {
  const text = readFileSync(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /at position (\d+)/.exec(message)?.[1];
    const position = offset === undefined ? text.length : Number(offset);
    const before = text.slice(0, position).split("\n");
    const reason = message
      .replace(/ in JSON at position \d+.*$/, "")
      .replace(/^Unexpected end of JSON input$/, "the file ends before the JSON does");
    throw new Error(`${file}:${before.length}:${before[before.length - 1].length + 1}: not valid JSON: ${reason}`);
  }
}
