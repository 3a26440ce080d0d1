import { STACK_NAMES } from "../../stacks/stack-names";
import { planDeploy } from "../../scripts/lib/deploy-plan";
import type { TerraformState } from "../../scripts/lib/stack-state";

const resource = (type: string, instances = 1, mode = "managed") => ({ mode, type, name: type, instances: Array(instances).fill({}) });
const DEPLOYED_WORKLOADS: TerraformState = { resources: [resource("terraform_remote_state", 1, "data"), resource("kubectl_manifest", 9)] };

function plan(autoApprove: boolean, workloads: TerraformState | undefined) {
  return planDeploy({ autoApprove, cluster: { name: STACK_NAMES.cluster }, workloads: { name: STACK_NAMES.workloads, state: workloads } });
}

describe("planDeploy", () => {
  it("asks nothing with --auto-approve: one cdktf deploy of both stacks", () => {
    expect(plan(true, undefined)).toEqual({
      steps: [{ kind: "cdktf", args: ["deploy", "*", "--skip-synth", "--auto-approve"] }],
      notes: [],
    });
    expect(plan(true, DEPLOYED_WORKLOADS).steps).toHaveLength(1);
  });

  it("asks once on a first deploy: the cluster stack's saved plan, then the workloads stack without a second question", () => {
    for (const state of [undefined, { resources: [] }, { resources: [resource("terraform_remote_state", 1, "data")] }]) {
      const { steps, notes } = plan(false, state);
      expect(steps).toEqual([
        { kind: "confirmed-apply", stack: "eks-cluster", question: expect.stringContaining("Only 'yes' is accepted") },
        {
          kind: "cdktf",
          args: ["deploy", "eks-workloads", "--skip-synth", "--ignore-missing-stack-dependencies", "--auto-approve"],
        },
      ]);
      expect(notes).toEqual(["eks-workloads: nothing deployed yet, so it can only be created; one question for both stacks"]);
    }
  });

  it("keeps a question per stack once the workloads stack holds resources, whose plan may change what runs", () => {
    expect(plan(false, DEPLOYED_WORKLOADS)).toEqual({
      steps: [{ kind: "cdktf", args: ["deploy", "*", "--skip-synth"] }],
      notes: ["eks-workloads: 9 resources deployed, so its plan is shown and asked for too, after eks-cluster's"],
    });
  });
});
