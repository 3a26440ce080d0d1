/**
 * `npm start`: the data plane on this machine, without an AWS account. Renders
 * the overlay and starts the local cluster the e2e tests use (harness/local-cluster.ts),
 * prints its URLs and what to try, and runs until Ctrl-C or SIGTERM, which
 * remove everything it created. Needs root (network namespaces).
 * Usage: npm start [-- --help]
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCliContext } from "../config/sources";
import { readOverlay } from "../config/load-settings";
import { LocalCluster } from "../harness/local-cluster";
import { waitFor } from "../lib/poll";
import { renderOverlay } from "../kubernetes/render-overlay";
import { readCdktfJson } from "./lib/app-command";
import { readCommandLine } from "./lib/cli-options";
import { InstanceLock } from "./lib/instance-lock";
import { startBanner } from "./lib/start-banner";

const USAGE = "usage: npm start: runs the data plane locally (root: network namespaces) until Ctrl-C; takes no options but --help";

/** One lock per machine (per temporary directory): a second `npm start` names the first instead of starting another cluster. */
export const LOCK_FILE = "eks-haproxy-poc-start.lock";

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  readCommandLine({ name: "npm start", command: "npm start", usage: USAGE });
  if (process.getuid?.() !== 0) fail("needs root for network namespaces (ip netns): run it as root, e.g. sudo npm start");

  const lock = InstanceLock.acquire(join(tmpdir(), LOCK_FILE));
  if (!(lock instanceof InstanceLock)) {
    fail(
      [
        `a local cluster is already running (pid ${lock.pid}, since ${lock.startedAt}); stop it with Ctrl-C in its shell or kill ${lock.pid}`,
        ...lock.details.map((line) => `  ${line}`),
      ].join("\n"),
    );
  }
  process.on("exit", () => lock.release());
  // Until the cluster exists, a signal only has the lock to release (the exit handler does).
  const early = () => process.exit(130);
  process.once("SIGINT", early);
  process.once("SIGTERM", early);

  const started = Date.now();
  console.log("npm start: rendering the overlay and starting the local cluster ...");
  // Only the overlay: the local cluster needs no AWS setting, nor today's Kubernetes version calendar.
  const overlay = readOverlay({ ...readCdktfJson().context, ...readCliContext(process.env) }, process.env);
  const cluster = await LocalCluster.start(renderOverlay(overlay), { exitOnSignal: false });
  // HAProxy answers 503 until its own checks of nginx and the app have passed: the URLs are printed once they answer.
  await Promise.all(
    (["http", "metadata"] as const).map((port) =>
      waitFor(
        `port ${port} through the load balancer`,
        () =>
          fetch(cluster.loadBalancerUrl(port), { signal: AbortSignal.timeout(1000) }).then(
            (r) => r.ok,
            () => false,
          ),
        30_000,
        200,
      ),
    ),
  );
  process.removeListener("SIGINT", early);
  process.removeListener("SIGTERM", early);

  const banner = startBanner(cluster, (Date.now() - started) / 1000);
  lock.describe(banner.slice(2, 5).map((line) => line.trim()));
  console.log(banner.join("\n"));

  const stop = async (signal: NodeJS.Signals) => {
    // A second signal while stopping exits at once; the exit handlers still remove everything.
    process.once("SIGINT", () => process.exit(130));
    process.once("SIGTERM", () => process.exit(130));
    console.log(`\n${signal}: stopping the local cluster ...`);
    await cluster.stop();
    lock.release();
    console.log("stopped: processes, network namespaces and temporary files removed");
    process.exit(0);
  };
  process.once("SIGINT", (signal) => void stop(signal));
  process.once("SIGTERM", (signal) => void stop(signal));
}

main().catch((error) => fail((error as Error).message));
