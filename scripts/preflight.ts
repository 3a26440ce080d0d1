/**
 * Before cdktf starts: are terraform, kubectl and the AWS CLI here, and do the
 * AWS credentials work? One line per problem and exit 1, instead of a
 * Terraform error minutes later. `npm run deploy` and `npm run plan` run it first.
 * Usage: node --import tsx scripts/preflight.ts deploy|destroy|plan
 */
import type { AwsCommand } from "./lib/preflight";
import { preflight } from "./lib/preflight";

const COMMANDS: readonly AwsCommand[] = ["deploy", "destroy", "plan"];
const [command, ...rest] = process.argv.slice(2);

if (command === "--help" || command === "-h") {
  console.log(`usage: preflight ${COMMANDS.join("|")}: checks the tools and AWS credentials the command needs`);
  process.exit(0);
}
if (!COMMANDS.includes(command as AwsCommand) || rest.length > 0) {
  console.error(`preflight: expected one of ${COMMANDS.join(", ")}, got ${JSON.stringify(process.argv.slice(2).join(" "))}`);
  process.exit(2);
}
const { problems, identity } = preflight(command as AwsCommand);
for (const problem of problems) console.error(`${command}: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`${command}: terraform, kubectl and aws found; AWS identity ${identity}`);
