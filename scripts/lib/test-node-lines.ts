import type { ImageLine } from "../../harness/pod-runtimes";

/**
 * The Node.js lines `npm test` runs on besides the machine's own: 24, the
 * active LTS, runs every unit test; 22, the maintenance LTS, runs the tests of
 * the cdktf commands (its CLI is CDK Terrain's from 22.19 on, as on 24). The
 * installer fetches each from the npm registry as it fetches the pods' Node.
 */
export const TEST_NODE_LINES = { full: "24", cli: "22" } as const;

/** The unit tests that run the cdktf CLI: what `npm run test:node -- 22 --cli` runs. */
export const CLI_TEST_FILES = ["__tests__/scripts/cdktf-command.test.ts", "__tests__/scripts/destroy-cli.test.ts"] as const;

/** The test lines the pods' lines do not already bring, as lines the installer fetches (`node:<line>`). */
export function testNodeLines(podLines: readonly ImageLine[]): ImageLine[] {
  return Object.values(TEST_NODE_LINES)
    .filter((line) => !podLines.some((pod) => pod.runtime === "node" && pod.line === line))
    .map((line) => ({ runtime: "node", image: `node:${line}`, line }));
}
