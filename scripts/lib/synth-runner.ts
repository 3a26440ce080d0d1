import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { readCdktfJson } from "./app-command";
import { PROJECT_ROOT } from "../../lib/project-root";

/** The memory the cdktf CLI gives a TypeScript app unless NODE_OPTIONS already says. */
const NODE_MEMORY = "--max-old-space-size=4096";

/**
 * The environment the cdktf CLI (0.21, @cdktf/cli-core synth-stack.js) gives
 * the app command: cdktf.json's context plus `cdktfRelativeModules` in
 * CDKTF_CONTEXT_JSON, the output folder in CDKTF_OUTDIR, whether HCL was asked
 * in SYNTH_HCL_OUTPUT, more memory for Node, and no TF_VAR_* (those are for
 * Terraform at apply time, not for synthesis).
 */
export function synthEnvironment(
  base: NodeJS.ProcessEnv,
  context: Record<string, unknown>,
  outdir: string,
  hcl: boolean,
): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(base).filter(([key]) => !key.startsWith("TF_VAR_")));
  if (!env.NODE_OPTIONS) env.NODE_OPTIONS = NODE_MEMORY;
  return {
    ...env,
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
    CDKTF_CONTEXT_JSON: JSON.stringify({ ...context, cdktfRelativeModules: [] }),
    SYNTH_HCL_OUTPUT: String(hcl),
  };
}

/** What `npm run synth` was asked: the output folder (cdktf.json's `output`, else cdktf.out) and whether HCL. */
export interface SynthRequest {
  readonly outdir?: string;
  readonly hcl?: boolean;
}

/** The output folder as the CLI passes it: relative to the project when inside it. */
export function outputFolder(request: SynthRequest): { readonly absolute: string; readonly shown: string } {
  const { output } = readCdktfJson() as ReturnType<typeof readCdktfJson> & { output?: string };
  const absolute = resolve(PROJECT_ROOT, request.outdir ?? output ?? "cdktf.out");
  const inProject = relative(PROJECT_ROOT, absolute);
  return { absolute, shown: inProject && !inProject.startsWith("..") && !isAbsolute(inProject) ? inProject : absolute };
}

/** The stack folders in an output folder. */
export function stackFolders(outdir: string): string[] {
  const dir = join(outdir, "stacks");
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
}

/**
 * After a synth, as the cdktf CLI does: the stacks of the manifest, and the
 * folders of stacks the app no longer has removed (`before` is what was there).
 */
export function finishSynth(outdir: string, before: readonly string[]): { stacks: string[]; removed: string[] } {
  const stacks = Object.keys((JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: object }).stacks);
  const removed = before.filter((stack) => !stacks.includes(stack));
  removed.forEach((stack) => rmSync(join(outdir, "stacks", stack), { recursive: true, force: true }));
  return { stacks, removed };
}
