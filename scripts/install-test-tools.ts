/**
 * The first step of `npm test`: installs what the tests run, or stops with one
 * line saying what is missing: root (the data-plane tests' network
 * namespaces), the AWS provider mirror the plan tests run Terraform
 * with, or moto_server, the apply tests' AWS API emulator (pip). Debian packages (scripts/lib/install-plan.ts) with apt-get; the pods' HAProxy
 * and Node lines, as the rendered DaemonSet's image tags name them, into
 * `${XDG_CACHE_HOME:-~/.cache}/eks-haproxy-poc` as this user. Does nothing
 * but print the versions when everything is there.
 * Usage: npm run install-test-tools [-- --help]
 */
import { RenderedOverlay } from "../kubernetes/rendered-overlay";
import { renderOverlay } from "../kubernetes/render-overlay";
import { hasTool } from "../lib/require-tool";
import { run } from "../lib/run";
import type { ImageLine, PodRuntime } from "../harness/pod-runtimes";
import {
  binaryVersion,
  cacheDir,
  debianHaproxy,
  describeRuntime,
  imageLine,
  podRuntime,
  runtimeBinary,
  versionLine,
  podImage,
} from "../harness/pod-runtimes";
import { readCommandLine } from "./lib/cli-options";
import type { MachineLookups } from "./lib/install-plan";
import { DEBIAN_PACKAGES, aptInstallCommand, commandSearchPath, planInstall } from "./lib/install-plan";
import { installNpmNode } from "./lib/npm-node";
import { boundAwsProviderVersion, locateAwsProviderMirror, missingMirrorMessage } from "./lib/provider-mirror";
import { installSidHaproxy } from "./lib/sid-haproxy";
import { TEST_NODE_LINES, testNodeLines } from "./lib/test-node-lines";

const cache = cacheDir();
const awsProviderVersion = boundAwsProviderVersion();

const machine: MachineLookups = {
  hasCommand: (command) => hasTool(command, { ...process.env, PATH: commandSearchPath(process.env.PATH) }),
  isRoot: () => process.getuid?.() === 0,
  hasProviderMirror: () => locateAwsProviderMirror(awsProviderVersion) !== undefined,
  hasRuntime: (line) => {
    try {
      return versionLine(line.runtime, binaryVersion(line.runtime, runtimeBinary(line.runtime, line.line, cache))) === line.line;
    } catch {
      return false;
    }
  },
};

function installPackages(packages: readonly string[]): void {
  console.log(`install-test-tools: installing the Debian packages ${packages.join(" ")}`);
  // Its output is kept for the message should it fail: what apt-get says on success is noise here.
  run("/bin/sh", ["-c", aptInstallCommand(packages)]);
  const absent = Object.keys(DEBIAN_PACKAGES).filter((command) => !machine.hasCommand(command));
  if (absent.length > 0) {
    throw new Error(
      `installed, yet ${absent.join(", ")} not found in ${commandSearchPath(process.env.PATH)}: add the folder that holds them to PATH`,
    );
  }
}

function installRuntime(line: ImageLine, pods: readonly ImageLine[]): void {
  const purpose = pods.includes(line) ? `the pod's ${line.image}` : `the unit tests on Node ${line.line}`;
  console.log(`install-test-tools: fetching ${line.runtime} ${line.line} for ${purpose} into ${cache}`);
  if (line.runtime === "haproxy") installSidHaproxy(line, cache);
  else installNpmNode(line, cache);
}

const USAGE =
  "usage: npm run install-test-tools: installs what npm test runs (Debian packages, the pods' HAProxy and Node, Node 22 and 24 for the unit tests), or says what to install; takes no options but --help";

function main(): void {
  readCommandLine({ name: "install-test-tools", command: "npm run install-test-tools", usage: USAGE });
  const overlay = new RenderedOverlay(renderOverlay("poc"));
  const pods = [imageLine(podImage(overlay, "haproxy"), "haproxy"), imageLine(podImage(overlay, "node"), "node")];
  const plan = planInstall([...pods, ...testNodeLines(pods)], machine, missingMirrorMessage(awsProviderVersion));
  if (plan.action === "refuse") throw new Error(plan.message);
  if (plan.action === "install") {
    if (plan.packages.length > 0) installPackages(plan.packages);
    plan.runtimes.forEach((line) => installRuntime(line, pods));
  }
  const runtimes: PodRuntime[] = [podRuntime(podImage(overlay, "haproxy"), "haproxy"), podRuntime(podImage(overlay, "node"), "node")];
  const testNodes = Object.values(TEST_NODE_LINES).map((line) => `Node ${binaryVersion("node", runtimeBinary("node", line, cache))}`);
  console.log(
    `install-test-tools: the tests run ${runtimes.map(describeRuntime).join(", ")}; Debian's HAProxy ${debianHaproxy().version} as a second opinion on haproxy.cfg; ` +
      `the unit tests also on ${testNodes.join(" and ")}`,
  );
}

try {
  main();
} catch (error) {
  console.error(`install-test-tools: ${(error as Error).message}`);
  process.exit(1);
}
