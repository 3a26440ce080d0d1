import { STACK_NAMES } from "../../stacks/stack-names";

/** What `npm run deploy` was asked for on its command line. */
export interface DeployOptions {
  /** No prompt before the apply. */
  readonly autoApprove: boolean;
  /**
   * The cluster stack alone: the workloads stack needs a Kubernetes API to
   * apply to, which an AWS API emulator (the apply tests' moto) does not run.
   */
  readonly clusterOnly: boolean;
}

/** The `cdktf` arguments of a deploy of what was synthesized just before (`--skip-synth`). */
export function deployArgs(options: DeployOptions): string[] {
  return ["deploy", options.clusterOnly ? STACK_NAMES.cluster : "*", "--skip-synth", ...(options.autoApprove ? ["--auto-approve"] : [])];
}
