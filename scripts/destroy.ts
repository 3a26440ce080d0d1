/**
 * `npm run destroy`: destroys what is deployed, with the load balancers the
 * cluster's service controller left that no state holds (before the cluster
 * stack), and then the control-plane log group EKS re-creates after Terraform
 * deleted it. The app is synthesized as `npm run synth` does (no cdktf CLI
 * around it).
 *
 * Usage: npm run destroy [-- --auto-approve] [--dry-run] [--log-watch-seconds N]
 * Needs the AWS CLI and the deploy's credentials.
 */
import { STACK_NAMES } from "../stacks/stack-names";
import type { AwsRunner } from "./lib/aws-cli";
import { awsCli } from "./lib/aws-cli";
import { cdktf, describeLocation, synthesize, synthesizedStacks } from "./lib/cdktf-run";
import { numberIn, readCommandLine } from "./lib/cli-options";
import { DEFAULT_LOG_WATCH_SECONDS, controlPlaneLogsOf, sweepLogGroup } from "./lib/control-plane-logs";
import { planDestroy } from "./lib/destroy-plan";
import { runDestroy } from "./lib/destroy-run";
import { requirePreflight } from "./lib/preflight";

/** How long destroy waits for a deleted load balancer's network interfaces to go before it stops, naming them. */
const INTERFACES_TIMEOUT_MS = 10 * 60_000;

const USAGE =
  "usage: npm run destroy [-- --auto-approve] [--dry-run] [--log-watch-seconds N]: cdktf destroy of what is deployed (--dry-run: " +
  "list it and the service controller's load balancers, change nothing), then deletes the control-plane log group EKS re-created, " +
  `watching for it N s (default ${DEFAULT_LOG_WATCH_SECONDS}: one check)`;

/** The options; a misuse is one line and exit 2, before anything else runs. */
function readOptions(): { autoApprove: boolean; dryRun: boolean; watchSeconds: number } {
  return readCommandLine(
    {
      name: "destroy",
      command: "npm run destroy",
      usage: USAGE,
      options: { "auto-approve": { type: "boolean" }, "dry-run": { type: "boolean" }, "log-watch-seconds": { type: "string" } },
    },
    ({ values }) => {
      const raw = values["log-watch-seconds"];
      return {
        autoApprove: Boolean(values["auto-approve"]),
        dryRun: Boolean(values["dry-run"]),
        watchSeconds: raw === undefined ? DEFAULT_LOG_WATCH_SECONDS : numberIn("log-watch-seconds", raw, 0, 3600, true),
      };
    },
  );
}

async function main(): Promise<void> {
  const options = readOptions();
  const { watchSeconds } = options;
  console.log(`destroy: as ${requirePreflight("destroy")}`);
  const aws: AwsRunner = awsCli();
  synthesize();
  const stacks = synthesizedStacks(() => aws);
  const plan = planDestroy({
    cluster: { name: STACK_NAMES.cluster, state: stacks.cluster.state },
    workloads: { name: STACK_NAMES.workloads, state: stacks.workloads.state, where: describeLocation(stacks.workloads.location) },
  });
  const target = controlPlaneLogsOf(stacks.cluster.json);
  await runDestroy({
    plan,
    clusterStack: STACK_NAMES.cluster,
    target,
    aws,
    cdktf,
    autoApprove: options.autoApprove,
    dryRun: options.dryRun,
    sweepTimes: { interfacesTimeoutMs: INTERFACES_TIMEOUT_MS, intervalMs: 10_000 },
    log: (line) => console.log(`destroy: ${line}`),
  });
  if (options.dryRun) return;
  if (watchSeconds > 0) console.log(`destroy: watching ${target.logGroup} for ${watchSeconds} s, EKS may re-create it from the last logs`);
  const line = await sweepLogGroup(aws, target, { windowMs: watchSeconds * 1000, intervalMs: 15_000 });
  console.log(`destroy: ${line}`);
}

main().catch((error: Error) => {
  console.error(`destroy: ${error.message}`);
  process.exit(1);
});
