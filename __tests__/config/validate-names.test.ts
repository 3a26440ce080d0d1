import { problemsFrom } from "../helpers/settings";

describe("checkDerivedNames", () => {
  it("judges no derived name while azCount cannot be read: the node groups' names need it", () => {
    expect(problemsFrom({ EKS_POC_AZ_COUNT: "x", EKS_POC_CLUSTER_NAME: "c".repeat(60) })).toEqual([
      'azCount = "x" (from EKS_POC_AZ_COUNT): must be a whole number',
    ]);
  });
});
