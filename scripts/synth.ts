/**
 * `npm run synth`: the CDKTF app without the cdktf CLI around it. It gives
 * main.ts the environment the CLI gives it and runs it in this process, so the
 * app's own lines reach the terminal as they are (a refused setting once, no
 * spinner, no log prefix) and the CLI's seconds of start-up are saved.
 * `npx cdktf synth` still works the same way.
 * Usage: npm run synth [-- --output DIR]; --hcl is accepted as an option but always refused (main.ts: the kubectl provider binding writes Terraform JSON only)
 */
import { resolve } from "node:path";
import { PROJECT_ROOT } from "../lib/project-root";
import { finishSynth, outputFolder, stackFolders, synthEnvironment } from "./lib/synth-runner";
import { readCdktfJson } from "./lib/app-command";
import { readCommandLine } from "./lib/cli-options";

const USAGE =
  "usage: npm run synth [-- --output DIR]: writes the Terraform code of every stack to DIR/stacks (default cdktf.out); --hcl is refused (JSON only)";

async function run(): Promise<void> {
  const { values } = readCommandLine({
    name: "synth",
    command: "npm run synth",
    usage: USAGE,
    options: { output: { type: "string", short: "o" }, hcl: { type: "boolean" } },
  });
  let context: Record<string, unknown>;
  try {
    context = readCdktfJson().context;
  } catch (error) {
    // A cdktf.json that does not parse is refused as a bad setting is, and the earlier synth's stacks go too: from the
    // folder --output names, or the default, as cdktf.json's own `output` cannot be read.
    process.env.CDKTF_OUTDIR = resolve(PROJECT_ROOT, values.output ?? "cdktf.out");
    const { refuse } = await import("../main");
    return refuse(error);
  }
  const outdir = outputFolder({ outdir: values.output });
  const before = stackFolders(outdir.absolute);
  const env = synthEnvironment(process.env, context, outdir.shown, Boolean(values.hcl));
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);

  // main.ts's refuse() prints the app's lines and exits 1 itself.
  const { synthesize, refuse } = await import("../main");
  await synthesize().catch(refuse);
  const { stacks, removed } = finishSynth(outdir.absolute, before);
  console.log(
    `synthesized ${stacks.join(", ")} into ${outdir.shown}/stacks${removed.length ? `; removed the old stacks ${removed.join(", ")}` : ""}`,
  );
}

run().catch((error) => {
  console.error(`synth: ${(error as Error).message}`);
  process.exit(1);
});
