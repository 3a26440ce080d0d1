/**
 * `npm run deploy`: removes a control-plane log group left behind by an
 * earlier cluster of the same name (which would stop the cluster stack with
 * ResourceAlreadyExistsException), then `cdktf deploy` of both stacks. The
 * app is synthesized as `npm run synth` does (no cdktf CLI around it); a
 * haproxy.cfg HAProxy refuses, or a metadata app that does not parse, stops it first.
 *
 * Usage: npm run deploy [-- --auto-approve]
 */
import { awsCli } from "./lib/aws-cli";
import { parseOptions } from "./lib/cli-options";
import { cdktf, synthesize, synthesizedStacks } from "./lib/cdktf-run";
import { controlPlaneLogsOf, removeLeftoverLogGroup, stateHoldsLogGroup } from "./lib/control-plane-logs";
import { requirePreflight } from "./lib/preflight";
import { checkWorkloads } from "./lib/workload-check";

const USAGE = "usage: npm run deploy [-- --auto-approve]: synth, preflight, then cdktf deploy of both stacks (--auto-approve: no prompt)";

function main(): void {
  let options: { help?: boolean; "auto-approve"?: boolean };
  try {
    options = parseOptions("npm run deploy", process.argv.slice(2), { "auto-approve": { type: "boolean" } });
  } catch (error) {
    console.error(`deploy: ${(error as Error).message}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  // The settings first: a local mistake is told before AWS is asked (synth checks them, with no credentials needed).
  synthesize();
  console.log(`deploy: as ${requirePreflight("deploy")}`);
  const aws = awsCli();
  console.log(`deploy: ${checkWorkloads()}`);
  const { cluster } = synthesizedStacks(() => aws);
  const target = controlPlaneLogsOf(cluster.json);
  const line = removeLeftoverLogGroup(aws, target, stateHoldsLogGroup(cluster.state, target));
  if (line) console.log(`deploy: ${line}`);
  cdktf(["deploy", "*", "--skip-synth", ...(options["auto-approve"] ? ["--auto-approve"] : [])]);
}

try {
  main();
} catch (error) {
  console.error(`deploy: ${(error as Error).message}`);
  process.exit(1);
}
