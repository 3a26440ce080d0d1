/**
 * The critical path of `npm run deploy` (to a URL that answers through the
 * load balancer) and of `npm run destroy`, in public and private mode: the
 * app is synthesized as the cdktf CLI runs it, the dependency graph read from
 * each stack's Terraform JSON, and the durations taken from
 * scripts/lib/deploy-path/durations.ts (public sources, low/typical/high).
 * A model, not a measurement: nothing here reaches AWS.
 * Usage: npm run bench:deploy-path [-- --log-watch-seconds N]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/project-root";
import { capture } from "../lib/run";
import { appEnvironment, readCdktfJson } from "./lib/app-command";
import { numberIn, readCommandLine } from "./lib/cli-options";
import { DEFAULT_LOG_WATCH_SECONDS } from "./lib/control-plane-logs";
import { criticalPath, type CriticalPath, type Task } from "./lib/deploy-path/critical-path";
import { deployTasks, destroyTasks, type Estimate, type ModelStack } from "./lib/deploy-path/deploy-model";
import type { TerraformJson } from "./lib/deploy-path/terraform-graph";
import { stacksInOrder, type StackManifest } from "./lib/stack-order";

const USAGE =
  "usage: npm run bench:deploy-path [-- --log-watch-seconds N]: the modelled critical path of deploy and destroy in public and private mode " +
  `(N: destroy's log-group watch, default ${DEFAULT_LOG_WATCH_SECONDS} as npm run destroy)`;

function options(): { logWatchSeconds: number } {
  return readCommandLine(
    { name: "bench:deploy-path", command: "npm run bench:deploy-path", usage: USAGE, options: { "log-watch-seconds": { type: "string" } } },
    ({ values }) => {
      const raw = values["log-watch-seconds"];
      return { logWatchSeconds: raw === undefined ? DEFAULT_LOG_WATCH_SECONDS : numberIn("log-watch-seconds", raw, 0, 3600, true) };
    },
  );
}

/** The app's stacks in deploy order, synthesized with `env` added to the environment the cdktf CLI gives it. */
function synthesizedStacks(env: Record<string, string>): ModelStack[] {
  const outdir = mkdtempSync(join(tmpdir(), "bench-deploy-path-"));
  try {
    const [command, ...args] = readCdktfJson().app.split(" ");
    const result = capture(command, args, { cwd: PROJECT_ROOT, env: appEnvironment(outdir, env) });
    if (result.status !== 0) throw new Error(`synth failed:\n${result.stdout}${result.stderr}`);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as StackManifest;
    return stacksInOrder(manifest).map((name) => ({
      name,
      dependencies: manifest.stacks[name].dependencies,
      json: JSON.parse(readFileSync(join(outdir, manifest.stacks[name].workingDirectory, "cdk.tf.json"), "utf8")) as TerraformJson,
    }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const minutes = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, "0")}`;
const short = (seconds: number) => `${(seconds / 60).toFixed(1)} min`;

/** The typical critical path step by step, and the totals of the low and high figures (each its own longest path). */
function report(title: string, tasksFor: (estimate: Estimate) => Task[]): void {
  const [low, typical, high] = (["low", "typical", "high"] as const).map((estimate): CriticalPath => criticalPath(tasksFor(estimate)));
  console.log(`  ${title}: typical ${short(typical.total)} (low ${short(low.total)}, high ${short(high.total)}); typical critical path:`);
  for (const step of typical.path.filter((task) => task.seconds > 0)) {
    console.log(`    ${minutes(step.start).padStart(5)} -> ${minutes(step.end).padStart(5)}  ${step.id}`);
  }
}

const { logWatchSeconds } = options();
const afterwards: Record<string, number> = logWatchSeconds > 0 ? { "npm run destroy: control-plane log group watch": logWatchSeconds } : {};
console.log("Modelled from the synthesized stacks and the durations in scripts/lib/deploy-path/durations.ts (not measured).");
for (const mode of ["public", "private"]) {
  const stacks = synthesizedStacks({ EKS_POC_SUBNET_MODE: mode });
  console.log(`\n${mode} mode (${stacks.map((stack) => stack.name).join(", then ")})`);
  report("deploy to a working URL", (estimate) => deployTasks(stacks, estimate));
  report("destroy", (estimate) => destroyTasks(stacks, estimate, afterwards));
}
