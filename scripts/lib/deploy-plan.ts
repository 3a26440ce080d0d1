import { managedResources, type TerraformState } from "./stack-state";

/**
 * One step of `npm run deploy`: a `cdktf` run, or the cluster stack's plan
 * saved, shown and confirmed once, then applied as shown.
 */
export type DeployStep =
  | { readonly kind: "cdktf"; readonly args: readonly string[] }
  | { readonly kind: "confirmed-apply"; readonly stack: string; readonly question: string };

/** What `npm run deploy` runs, in order, and lines that explain the choice. */
export interface DeployPlan {
  readonly steps: readonly DeployStep[];
  readonly notes: readonly string[];
}

export interface DeployChoice {
  /** `--auto-approve`: no prompt at all. */
  readonly autoApprove: boolean;
  readonly cluster: { readonly name: string };
  readonly workloads: { readonly name: string; readonly state: TerraformState | undefined };
}

/**
 * cdktf deploy asks once per stack, from `terraform apply` (cdktf 0.21,
 * @cdktf/cli-core deploy-machine.js), so a first deploy's second question
 * comes after the cluster stack, about 15 minutes in, and nothing moves until
 * it is answered. A workloads stack with nothing in its state can only be
 * created, from the overlay and settings the user is deploying: then the one
 * question is the cluster stack's, on its saved plan, and the workloads stack
 * follows without another. A workloads stack that holds resources keeps its
 * own question, since its plan may change or replace what runs.
 */
export function planDeploy(choice: DeployChoice): DeployPlan {
  if (choice.autoApprove) return { steps: [{ kind: "cdktf", args: ["deploy", "*", "--skip-synth", "--auto-approve"] }], notes: [] };
  const deployed = Object.values(managedResources(choice.workloads.state)).reduce((a, b) => a + b, 0);
  if (deployed > 0) {
    return {
      steps: [{ kind: "cdktf", args: ["deploy", "*", "--skip-synth"] }],
      notes: [
        `${choice.workloads.name}: ${deployed} resources deployed, so its plan is shown and asked for too, after ${choice.cluster.name}'s`,
      ],
    };
  }
  return {
    steps: [
      {
        kind: "confirmed-apply",
        stack: choice.cluster.name,
        question: `Apply this plan to ${choice.cluster.name}, then create ${choice.workloads.name} without asking again? Only 'yes' is accepted: `,
      },
      // The cluster stack was applied just before; cdktf would refuse to deploy a stack without the stacks it depends on.
      { kind: "cdktf", args: ["deploy", choice.workloads.name, "--skip-synth", "--ignore-missing-stack-dependencies", "--auto-approve"] },
    ],
    notes: [`${choice.workloads.name}: nothing deployed yet, so it can only be created; one question for both stacks`],
  };
}
