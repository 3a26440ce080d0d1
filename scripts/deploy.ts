/**
 * `npm run deploy`: removes a control-plane log group left behind by an
 * earlier cluster of the same name (which would stop the cluster stack with
 * ResourceAlreadyExistsException), then `cdktf deploy` of both stacks. A
 * haproxy.cfg HAProxy refuses, or a metadata app that does not parse, stops it first.
 *
 * Usage: npm run deploy [-- --auto-approve]; options go to `cdktf deploy`.
 */
import { awsCli } from "./lib/aws-cli";
import { cdktf, synthesizedStacks } from "./lib/cdktf-run";
import { controlPlaneLogsOf, removeLeftoverLogGroup, stateHoldsLogGroup } from "./lib/control-plane-logs";
import { requirePreflight } from "./lib/preflight";
import { checkWorkloads } from "./lib/workload-check";

function main(): void {
  console.log(`deploy: as ${requirePreflight("deploy")}`);
  const aws = awsCli();
  cdktf(["synth"]);
  console.log(`deploy: ${checkWorkloads()}`);
  const { cluster } = synthesizedStacks(() => aws);
  const target = controlPlaneLogsOf(cluster.json);
  const line = removeLeftoverLogGroup(aws, target, stateHoldsLogGroup(cluster.state, target));
  if (line) console.log(`deploy: ${line}`);
  cdktf(["deploy", "*", "--skip-synth", ...process.argv.slice(2)]);
}

try {
  main();
} catch (error) {
  console.error(`deploy: ${(error as Error).message}`);
  process.exit(1);
}
