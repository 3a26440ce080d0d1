/**
 * `npm run cdktf -- <command>`: the design's `cdktf synth`, `cdktf deploy`,
 * `cdktf destroy` (any cdktf command) on every supported Node line, through
 * the CLI that runs on this one (scripts/lib/cdk-cli.ts): CDK Terrain's
 * `cdktn` on Node 22.19 and newer, HashiCorp's `cdktf` 0.21 below.
 * Runs in the current folder (npm runs scripts in the project root); exits with the CLI's status.
 * Usage: npm run cdktf -- <cdktf command and options>
 */
import { runAttached } from "../lib/run";
import { cdkCliPath } from "./lib/cdk-cli";

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: npm run cdktf -- <command> [options]: runs the cdktf CLI for this Node (cdktn on 22.19+, cdktf 0.21 below)");
  process.exit(2);
}
try {
  process.exit(runAttached(cdkCliPath(), args));
} catch (error) {
  console.error(`cdktf: ${(error as Error).message}`);
  process.exit(1);
}
