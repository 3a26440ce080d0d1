import { readFileSync } from "node:fs";
import { join } from "node:path";
import { satisfies } from "semver";
import { PROJECT_ROOT } from "../../lib/project-root";

/**
 * One of the two CDKTF command-line implementations the project installs
 * (docs/cdk-implementations.md): CDK Terrain's `cdktn` (package cdktn-cli),
 * the maintained fork, and HashiCorp's final `cdktf` 0.21 (package
 * cdktf-cli), archived in December 2025.
 */
export interface CdkCli {
  /** The command npm links into node_modules/.bin. */
  readonly command: "cdktn" | "cdktf";
  /** The npm package that carries it. */
  readonly packageName: "cdktn-cli" | "cdktf-cli";
  /** The Node versions it runs on, as its package states them (`engines.node`); `undefined` when it states none. */
  readonly nodeRange: string | undefined;
}

function describe(command: CdkCli["command"], packageName: CdkCli["packageName"], root: string): CdkCli {
  const manifest = JSON.parse(readFileSync(join(root, "node_modules", packageName, "package.json"), "utf8")) as {
    engines?: { node?: string };
  };
  return { command, packageName, nodeRange: manifest.engines?.node };
}

/** Both CLIs, the preferred first. */
export function installedCdkClis(root: string = PROJECT_ROOT): readonly CdkCli[] {
  return [describe("cdktn", "cdktn-cli", root), describe("cdktf", "cdktf-cli", root)];
}

/**
 * The CLI for this Node: CDK Terrain wherever its package says it runs
 * (Node 22.19 and newer); below that, cdktf 0.21, whose terminal module
 * (@cdktf/node-pty-prebuilt-multiarch 0.10.2) ships prebuilt binaries only up
 * to Node 22's ABI and fails to load on Node 24.
 */
export function cdkCliFor(nodeVersion: string, clis: readonly CdkCli[]): CdkCli {
  const [preferred, fallback] = clis;
  return preferred.nodeRange === undefined || satisfies(nodeVersion, preferred.nodeRange) ? preferred : fallback;
}

/** The path of the CLI this Node runs, in node_modules/.bin. */
export function cdkCliPath(nodeVersion: string = process.versions.node, root: string = PROJECT_ROOT): string {
  return join(root, "node_modules", ".bin", cdkCliFor(nodeVersion, installedCdkClis(root)).command);
}
