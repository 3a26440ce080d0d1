import { deployArgs } from "../../scripts/lib/deploy-args";

describe("deployArgs: what npm run deploy hands cdktf", () => {
  it("deploys both stacks, with the prompts, by default", () => {
    expect(deployArgs({ autoApprove: false, clusterOnly: false })).toEqual(["deploy", "*", "--skip-synth"]);
  });

  it("deploys the cluster stack alone with --cluster-only, and without prompts with --auto-approve", () => {
    expect(deployArgs({ autoApprove: true, clusterOnly: true })).toEqual(["deploy", "eks-cluster", "--skip-synth", "--auto-approve"]);
  });
});
