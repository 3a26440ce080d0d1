import { whyPlanWaits, wantedStacks } from "../../scripts/lib/plan-decision";

const manifest = {
  stacks: {
    "eks-cluster": { workingDirectory: "stacks/eks-cluster", dependencies: [] },
    "eks-workloads": { workingDirectory: "stacks/eks-workloads", dependencies: ["eks-cluster"] },
  },
};

describe("whyPlanWaits", () => {
  it("plans a stack without dependencies, before anything is deployed", () => {
    expect(whyPlanWaits(manifest, "eks-cluster", () => false)).toBeUndefined();
  });

  it("says in one line why the workloads wait when the cluster's state has no outputs", () => {
    const asked: string[] = [];
    const reason = whyPlanWaits(manifest, "eks-workloads", (stack) => (asked.push(stack), false));
    expect(asked).toEqual(["eks-cluster"]);
    expect(reason).toBe(
      "eks-workloads not planned: it reads the outputs of eks-cluster from its Terraform state, which has none yet " +
        "(eks-cluster not deployed); npm run deploy applies eks-cluster first, then plans eks-workloads",
    );
  });

  it("plans the workloads once the cluster is deployed", () => {
    expect(whyPlanWaits(manifest, "eks-workloads", (stack) => stack === "eks-cluster")).toBeUndefined();
  });
});

describe("wantedStacks", () => {
  it("keeps dependency order whatever the order asked", () => {
    expect(wantedStacks(["eks-cluster", "eks-workloads"], ["eks-workloads", "eks-cluster"])).toEqual(["eks-cluster", "eks-workloads"]);
    expect(wantedStacks(["eks-cluster", "eks-workloads"], [])).toEqual(["eks-cluster", "eks-workloads"]);
  });

  it("refuses a stack that does not exist, naming the ones that do", () => {
    expect(() => wantedStacks(["eks-cluster", "eks-workloads"], ["eks-clsuter"])).toThrow(
      "no stack named eks-clsuter: the stacks are eks-cluster, eks-workloads",
    );
  });
});
