import { readCliContext } from "./config/cli-context";
import { STACK_NAMES } from "./config/constants";
import { loadSettings } from "./config/load-settings";
import { checkNodeCapacity } from "./config/validate-node-capacity";
import { renderOverlayAsync } from "./kubernetes/render-overlay";

/** One line per problem and exit 1, before anything is written to cdktf.out (EKS_POC_DEBUG=1 adds the stack). */
function refuse(error: unknown): never {
  const failure = error as Error;
  process.stderr.write(`eks-haproxy-poc: ${process.env.EKS_POC_DEBUG ? failure.stack : failure.message}\n`);
  process.exit(1);
}

/** Accepted, but worth a line: where the region came from, an instance type whose pod limit is unknown. */
function warn(line: string): void {
  process.stderr.write(`eks-haproxy-poc: warning: ${line}\n`);
}

async function main(): Promise<void> {
  const context = readCliContext(process.env);
  const settings = loadSettings(context, process.env, new Date(), warn);
  // kubectl renders the overlay while the CDKTF modules load (about a third of a second saved).
  const rendering = renderOverlayAsync(settings.overlay);
  const [{ App }, { ClusterStack }, { WorkloadsStack }] = await Promise.all([
    import("cdktf"), import("./stacks/cluster-stack"), import("./stacks/workloads-stack"),
  ]);
  const objects = await rendering;
  checkNodeCapacity(settings, objects, context, process.env, warn);

  const app = new App();
  const cluster = new ClusterStack(app, STACK_NAMES.cluster, settings);
  new WorkloadsStack(app, STACK_NAMES.workloads, { settings, cluster: cluster.cluster, objects });
  app.synth();
}

main().catch(refuse);
