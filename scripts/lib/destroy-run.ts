import type { AwsRunner } from "./aws-cli";
import type { DestroyPlan } from "./destroy-plan";
import type { SweepTarget, SweepTimes } from "./load-balancer-sweep";
import { deleteControllerLeftovers, describeLeftovers, findControllerLeftovers } from "./load-balancer-sweep";

/** What `npm run destroy` does once it knows the plan, with the AWS CLI and cdktf CLI passed in (tests pass fakes). */
export interface DestroyRun {
  readonly plan: DestroyPlan;
  /** The cluster stack's name. */
  readonly clusterStack: string;
  /** The cluster the controller tagged its load balancers for. */
  readonly target: SweepTarget;
  readonly aws: AwsRunner;
  readonly cdktf: (args: readonly string[]) => void;
  readonly autoApprove: boolean;
  /** List what would be destroyed and deleted; change nothing. */
  readonly dryRun: boolean;
  readonly sweepTimes: SweepTimes;
  readonly log: (line: string) => void;
}

/**
 * Destroys the planned stacks one at a time. Before the cluster stack, it
 * deletes what the Kubernetes service controller made that no Terraform state
 * holds (a Service whose workloads state was lost or emptied, or one created
 * with kubectl): left there, the load balancer's network interfaces keep the
 * subnets, and the cluster stack's destroy retries them until the provider's
 * timeout and leaves the VPC. The workloads stack goes first, so the Services
 * it owns are deleted by the controller itself. The cluster stack is always
 * destroyed with --ignore-missing-stack-dependencies: the workloads stack is
 * gone by then, or was never deployed.
 */
export async function runDestroy(run: DestroyRun): Promise<void> {
  run.plan.notes.forEach((note) => run.log(note));
  const approve = run.autoApprove ? ["--auto-approve"] : [];
  for (const stack of run.plan.stacks) {
    if (stack !== run.clusterStack) {
      if (run.dryRun) run.log(`${stack}: would be destroyed`);
      else run.cdktf(["destroy", stack, "--skip-synth", ...approve]);
      continue;
    }
    const found = findControllerLeftovers(run.aws, run.target);
    const lines = describeLeftovers(found);
    const owner = `cluster ${run.target.clusterName}`;
    if (lines.length === 0) run.log(`${owner}: no load balancer, target group or rule of its service controller left`);
    else lines.forEach((line) => run.log(`${owner}: ${run.dryRun ? "would delete" : "found"} ${line}`));
    if (run.dryRun) {
      run.log(`${stack}: would be destroyed`);
      continue;
    }
    for (const line of await deleteControllerLeftovers(run.aws, run.target, found, run.sweepTimes)) run.log(`${owner}: ${line}`);
    run.cdktf(["destroy", stack, "--ignore-missing-stack-dependencies", "--skip-synth", ...approve]);
  }
}
