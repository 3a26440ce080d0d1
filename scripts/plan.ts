/**
 * `terraform init` and `plan` in each synthesized stack folder, in dependency
 * order (run `cdktf synth` first; `npm run plan` does). The workloads stack
 * reads the cluster stack's outputs, so it plans only once the cluster exists.
 * Usage: npm run plan [-- <stack> ...]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./lib/app-command";
import { requireTool } from "./lib/require-tool";
import { StackManifest, stacksInOrder } from "./lib/stack-order";
import { checkWorkloads } from "./lib/workload-check";

function terraform(cwd: string, args: string[]): void {
  const result = spawnSync("terraform", args, { cwd, stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`terraform ${args[0]} failed in ${cwd}`);
  }
}

function main(): void {
  requireTool("terraform");
  console.log(`plan: ${checkWorkloads()}`);
  const manifestPath = join(PROJECT_ROOT, "cdktf.out", "manifest.json");
  if (!existsSync(manifestPath)) throw new Error("cdktf.out/manifest.json not found: run `npx cdktf synth` first");
  const manifest: StackManifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const wanted = process.argv.slice(2);
  for (const name of stacksInOrder(manifest).filter((stack) => wanted.length === 0 || wanted.includes(stack))) {
    const dir = join(PROJECT_ROOT, "cdktf.out", manifest.stacks[name].workingDirectory);
    console.log(`\n== ${name} ==`);
    terraform(dir, ["init", "-input=false"]);
    terraform(dir, ["plan", "-input=false"]);
  }
}

try {
  main();
} catch (error) {
  console.error(`plan: ${(error as Error).message}`);
  process.exit(1);
}
