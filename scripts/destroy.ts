/**
 * `npm run destroy`: destroys what is deployed, and then the control-plane
 * log group EKS re-creates after Terraform deleted it.
 *
 * Usage: npm run destroy [-- --auto-approve] [--log-watch-seconds N]
 * Other options go to `cdktf destroy`. Needs the AWS CLI and the deploy's credentials.
 */
import { STACK_NAMES } from "../config/constants";
import { AwsRunner, awsCli } from "./lib/aws-cli";
import { cdktf, describeLocation, synthesizedStacks } from "./lib/cdktf-run";
import { controlPlaneLogsOf, sweepLogGroup } from "./lib/control-plane-logs";
import { planDestroy } from "./lib/destroy-plan";
import { requirePreflight } from "./lib/preflight";

/** EKS writes its last log streams shortly after the cluster is gone; later re-creations are removed by the next deploy. */
const DEFAULT_LOG_WATCH_SECONDS = 180;

function splitArgs(argv: readonly string[]): { watchSeconds: number; passThrough: string[] } {
  const at = argv.indexOf("--log-watch-seconds");
  if (at === -1) return { watchSeconds: DEFAULT_LOG_WATCH_SECONDS, passThrough: [...argv] };
  const watchSeconds = Number(argv[at + 1]);
  if (!Number.isInteger(watchSeconds) || watchSeconds < 0) throw new Error(`--log-watch-seconds ${argv[at + 1]}: allowed: a whole number of seconds`);
  return { watchSeconds, passThrough: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

async function main(): Promise<void> {
  const { watchSeconds, passThrough } = splitArgs(process.argv.slice(2));
  console.log(`destroy: as ${requirePreflight("destroy")}`);
  const aws: AwsRunner = awsCli();
  cdktf(["synth"]);
  const stacks = synthesizedStacks(() => aws);
  const plan = planDestroy({
    cluster: { name: STACK_NAMES.cluster, state: stacks.cluster.state },
    workloads: { name: STACK_NAMES.workloads, state: stacks.workloads.state, where: describeLocation(stacks.workloads.location) },
  });
  plan.notes.forEach((note) => console.log(`destroy: ${note}`));
  if (plan.stacks.length > 0) {
    cdktf(["destroy", ...plan.stacks, ...(plan.ignoreMissingStackDependencies ? ["--ignore-missing-stack-dependencies"] : []), "--skip-synth", ...passThrough]);
  }
  const target = controlPlaneLogsOf(stacks.cluster.json);
  console.log(`destroy: watching ${target.logGroup} for ${watchSeconds} s, EKS may re-create it from the last logs`);
  const line = await sweepLogGroup(aws, target, {
    windowMs: watchSeconds * 1000,
    intervalMs: 15_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: Date.now,
  });
  console.log(`destroy: ${line}`);
}

main().catch((error: Error) => {
  console.error(`destroy: ${error.message}`);
  process.exit(1);
});
