/**
 * `npm run deploy`: removes a control-plane log group left behind by an
 * earlier cluster of the same name (which would stop the cluster stack with
 * ResourceAlreadyExistsException), then deploys both stacks with one question
 * on a first deploy (the cluster stack's saved plan, then the workloads stack
 * without another: scripts/lib/deploy-plan.ts), none with --auto-approve. The
 * app is synthesized as `npm run synth` does (no cdktf CLI around it); a
 * haproxy.cfg HAProxy refuses, or a metadata app that does not parse, stops it first.
 *
 * Usage: npm run deploy [-- --auto-approve] [--cluster-only]
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import { awsCli } from "./lib/aws-cli";
import { readCommandLine } from "./lib/cli-options";
import { cdktf, synthesize, synthesizedStacks, terraform, type SynthesizedStack } from "./lib/cdktf-run";
import { deployArgs } from "./lib/deploy-args";
import { controlPlaneLogsOf, removeLeftoverLogGroup, stateHoldsLogGroup } from "./lib/control-plane-logs";
import { planDeploy } from "./lib/deploy-plan";
import { requirePreflight } from "./lib/preflight";
import { checkWorkloads } from "./lib/workload-check";

const USAGE =
  "usage: npm run deploy [-- --auto-approve] [--cluster-only]: synth, preflight, then both stacks, with one question on a first deploy " +
  "(--auto-approve: none; --cluster-only: the cluster stack alone, as the apply tests do against an AWS API emulator)";

/** One line from the terminal; an empty answer when input ends first (no terminal), which is not a yes. */
async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await new Promise<string>((resolve) => {
      prompt.once("close", () => resolve(""));
      prompt.question(question).then(resolve, () => resolve(""));
    });
  } finally {
    prompt.close();
  }
}

/** terraform plan of `stack` saved to a file, one question, then terraform apply of that very plan; throws unless the answer is yes. */
async function confirmedApply(stack: SynthesizedStack, question: string): Promise<void> {
  const planFile = "deploy.tfplan";
  try {
    terraform(stack.dir, ["init", "-input=false"]);
    terraform(stack.dir, ["plan", "-input=false", `-out=${planFile}`]);
    const answer = await ask(`\n${question}`);
    if (answer.trim() !== "yes") throw new Error(`${stack.name}: not applied, the answer was not 'yes'`);
    terraform(stack.dir, ["apply", "-input=false", planFile]);
  } finally {
    rmSync(join(stack.dir, planFile), { force: true });
  }
}

async function main(): Promise<void> {
  const { values: options } = readCommandLine({
    name: "deploy",
    command: "npm run deploy",
    usage: USAGE,
    options: { "auto-approve": { type: "boolean" }, "cluster-only": { type: "boolean" } },
  });
  // The settings first: a local mistake is told before AWS is asked (synth checks them, with no credentials needed).
  synthesize();
  console.log(`deploy: as ${requirePreflight("deploy")}`);
  const aws = awsCli();
  console.log(`deploy: ${checkWorkloads()}`);
  const { cluster, workloads } = synthesizedStacks(() => aws);
  const target = controlPlaneLogsOf(cluster.json);
  const line = removeLeftoverLogGroup(aws, target, stateHoldsLogGroup(cluster.state, target));
  if (line) console.log(`deploy: ${line}`);
  if (options["cluster-only"]) {
    cdktf(deployArgs({ autoApprove: Boolean(options["auto-approve"]), clusterOnly: true }));
    return;
  }
  const plan = planDeploy({ autoApprove: Boolean(options["auto-approve"]), cluster, workloads });
  plan.notes.forEach((note) => console.log(`deploy: ${note}`));
  for (const step of plan.steps) {
    if (step.kind === "cdktf") cdktf(step.args);
    else await confirmedApply(cluster, step.question);
  }
}

main().catch((error: Error) => {
  console.error(`deploy: ${error.message}`);
  process.exit(1);
});
