/**
 * `npm run deploy`: removes a control-plane log group left behind by an
 * earlier cluster of the same name (which would stop the cluster stack with
 * ResourceAlreadyExistsException), then `cdktf deploy` of both stacks.
 *
 * Usage: npm run deploy [-- --auto-approve]; options go to `cdktf deploy`.
 */
import { awsCli } from "./lib/aws-cli";
import { cdktf, synthesizedStacks } from "./lib/cdktf-run";
import { controlPlaneLogsOf, removeLeftoverLogGroup, stateHoldsLogGroup } from "./lib/control-plane-logs";

function main(): void {
  const aws = awsCli();
  cdktf(["synth"]);
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
