/**
 * `npm run plan`: `npm run synth` (the settings, before AWS is asked), the
 * preflight (tools, AWS credentials), then `terraform init` and `plan` in each stack folder in dependency order.
 * A stack whose dependency has not been deployed yet (the workloads read the
 * cluster's outputs) is not planned, and one line says why.
 * Usage: npm run plan [-- <stack> ...]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { STACK_NAMES } from "../stacks/stack-names";
import { PROJECT_ROOT } from "../lib/project-root";
import { synthesize, terraform } from "./lib/cdktf-run";
import { readCommandLine, usageError } from "./lib/cli-options";
import { whyPlanWaits, wantedStacks } from "./lib/plan-decision";
import { requirePreflight } from "./lib/preflight";
import type { StackManifest } from "./lib/stack-order";
import { stacksInOrder } from "./lib/stack-order";
import { checkWorkloads } from "./lib/workload-check";
import { hasOutputs } from "./lib/stack-state";

const COMMAND_LINE = {
  name: "plan",
  command: "npm run plan",
  usage: "usage: npm run plan [-- <stack> ...]: synthesizes, then terraform init and plan in each stack (default: all, cluster first)",
  positionals: true,
};

function main(): void {
  const args = readCommandLine(COMMAND_LINE, ({ positionals }) => {
    try {
      // The stack names are the app's constants: a typo stops here, before AWS is asked or anything is synthesized.
      wantedStacks(Object.values(STACK_NAMES), positionals);
    } catch (error) {
      throw usageError(COMMAND_LINE, (error as Error).message);
    }
    return positionals;
  });
  // The settings first: a local mistake is told before AWS is asked (synth checks them, with no credentials needed).
  synthesize();
  console.log(`plan: as ${requirePreflight("plan")}`);
  console.log(`plan: ${checkWorkloads()}`);

  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.out", "manifest.json"), "utf8")) as StackManifest;
  const dirOf = (stack: string) => join(PROJECT_ROOT, "cdktf.out", manifest.stacks[stack].workingDirectory);
  for (const stack of wantedStacks(stacksInOrder(manifest), args)) {
    const waits = whyPlanWaits(manifest, stack, (dependency) => hasOutputs(dirOf(dependency)));
    if (waits) {
      console.log(`\n== ${stack} ==\n${waits}`);
      continue;
    }
    console.log(`\n== ${stack} ==`);
    terraform(dirOf(stack), ["init", "-input=false"]);
    terraform(dirOf(stack), ["plan", "-input=false"]);
  }
}

try {
  main();
} catch (error) {
  console.error(`plan: ${(error as Error).message}`);
  process.exit(1);
}
