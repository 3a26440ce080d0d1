/**
 * `npm run test:node -- <line> [--cli]`: the unit tests again, on the Node
 * line the installer fetched into the cache (scripts/lib/test-node-lines.ts),
 * with that Node first on the PATH so that what the tests spawn (npm, npx,
 * the cdktf CLI) runs on it too. `--cli`: only the tests of the cdktf commands.
 * Exits with jest's status.
 * Usage: npm run test:node -- <line> [--cli]
 */
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { cacheDir, runtimeBinary } from "../harness/pod-runtimes";
import { PROJECT_ROOT } from "../lib/project-root";
import { runAttached } from "../lib/run";
import { readCommandLine, usageError } from "./lib/cli-options";
import { CLI_TEST_FILES } from "./lib/test-node-lines";

const COMMAND_LINE = {
  name: "test:node",
  command: "npm run test:node",
  usage:
    "usage: npm run test:node -- <line> [--cli]: the unit tests on Node <line> from the installer's cache (--cli: the cdktf command tests only)",
  options: { cli: { type: "boolean" } },
  positionals: true,
} as const;

function main(): number {
  const { options, line } = readCommandLine(COMMAND_LINE, ({ values, positionals }) => {
    if (positionals.length !== 1 || !/^\d+$/.test(positionals[0])) throw usageError(COMMAND_LINE, "expected one Node line, e.g. 24");
    return { options: values, line: positionals[0] };
  });
  if (process.versions.node.split(".")[0] === line) {
    console.log(`test:node: this machine's Node is ${process.versions.node}: the unit tests already ran on it`);
    return 0;
  }
  const node = runtimeBinary("node", line, cacheDir());
  if (!existsSync(node)) throw new Error(`Node ${line} is not installed at ${node}: run npm run install-test-tools`);
  const files = options.cli ? [...CLI_TEST_FILES] : [];
  console.log(`test:node: ${options.cli ? "the cdktf command tests" : "the unit tests"} on Node ${line} (${node})`);
  return runAttached(node, [join(PROJECT_ROOT, "node_modules", "jest", "bin", "jest.js"), ...files], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PATH: [dirname(node), process.env.PATH].filter(Boolean).join(delimiter) },
  });
}

try {
  process.exit(main());
} catch (error) {
  console.error(`test:node: ${(error as Error).message}`);
  process.exit(2);
}
