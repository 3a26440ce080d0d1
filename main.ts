import { readCliContext } from "./config/sources";
import { STACK_NAMES } from "./stacks/stack-names";
import { loadSettings, checkNodeCapacity } from "./config/load-settings";
import { podsPerNode } from "./config/rules/nodes";
import { exceptClusterRanges } from "./kubernetes/haproxy-egress";
import { renderOverlayAsync } from "./kubernetes/render-overlay";
import { removeStaleStacks } from "./stacks/stale-output";

/**
 * One line per problem and exit 1, before anything is written to cdktf.out,
 * and without the stale stacks of an earlier synth (EKS_POC_DEBUG=1 adds the stack).
 */
export function refuse(error: unknown): never {
  const failure = error as Error;
  // Where the cdktf CLI (or npm run synth) asked for the Terraform code, as cdktf's App reads it.
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  process.stderr.write(`eks-haproxy-poc: ${process.env.EKS_POC_DEBUG ? failure.stack : failure.message}\n`);
  const removed = removeStaleStacks(outdir);
  if (removed.length > 0)
    process.stderr.write(`eks-haproxy-poc: removed the earlier synth's code of ${removed.join(", ")} from ${outdir}\n`);
  process.exit(1);
}

/** Accepted, but worth a line: where the region came from, an instance type whose pod limit is unknown. */
function warn(line: string): void {
  process.stderr.write(`eks-haproxy-poc: warning: ${line}\n`);
}

/** The app: settings from the environment the cdktf CLI sets (see scripts/lib/synth-runner.ts), both stacks written to CDKTF_OUTDIR. */
export async function synthesize(): Promise<void> {
  // The CLI's --hcl: refused before the App writes anything, as the kubectl binding writes JSON only.
  if (process.env.SYNTH_HCL_OUTPUT === "true") {
    throw new Error(
      "--hcl is not supported: the hand-written kubectl provider binding (providers/kubectl) synthesizes Terraform JSON only; " +
        "synthesize without --hcl (Terraform reads cdk.tf.json as it reads .tf files)",
    );
  }
  const context = readCliContext(process.env);
  const settings = loadSettings(context, process.env, undefined, warn);
  // kubectl renders the overlay while the CDKTF modules load (about a third of a second saved); a failed render
  // rejects the Promise.all at once, with the render's own error.
  const [rendered, { App }, { ClusterStack }, { WorkloadsStack }] = await Promise.all([
    renderOverlayAsync(settings.overlay),
    import("cdktf"),
    import("./stacks/cluster-stack"),
    import("./stacks/workloads-stack"),
  ]);
  // HAProxy's egress to any address excepts the VPC and Service ranges of these settings (kubernetes/haproxy-egress.ts).
  const objects = exceptClusterRanges(rendered, settings.vpcCidr);
  checkNodeCapacity(settings, objects, context, process.env, warn);

  const app = new App();
  const cluster = new ClusterStack(app, STACK_NAMES.cluster, settings, { podsPerNode: podsPerNode(objects) });
  new WorkloadsStack(app, STACK_NAMES.workloads, { settings, cluster: cluster.cluster, objects });
  app.synth();
}

// cdktf.json's app command runs this file; npm run synth imports it and calls synthesize() in its own process.
if (require.main === module) synthesize().catch(refuse);
