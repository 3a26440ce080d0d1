import { expectEdge, problemsFrom, problemsOf } from "../helpers/settings";

describe("checkDerivedNames", () => {
  it("judges no derived name while azCount cannot be read: the node groups' names need it", () => {
    expect(problemsFrom({ EKS_POC_AZ_COUNT: "x", EKS_POC_CLUSTER_NAME: "c".repeat(60) })).toEqual([
      'azCount = "x" (from EKS_POC_AZ_COUNT): must be a whole number',
    ]);
  });
});

describe("the flow-log role's name", () => {
  const reason = "makes the IAM role name";
  it("limits the cluster name when flow logs go to CloudWatch Logs, through their role", () => {
    expectEdge("clusterName", "c".repeat(50), "c".repeat(51), `${reason} "${"c".repeat(51)}-vpc-flow-logs" 65 characters`);
  });

  it("does not limit it when flow logs are off or go to S3, which need no role", () => {
    for (const flowLogDestination of ["none", "arn:aws:s3:::my-logs"]) {
      expect(problemsOf({ flowLogDestination, clusterName: "c".repeat(56) })).toEqual([]);
      expect(problemsOf({ flowLogDestination, clusterName: "c".repeat(57) }).map((line) => line.split(": ")[1])).toEqual([
        `${reason} "${"c".repeat(57)}-cluster" 65 characters; allowed`,
        `${reason} "${"c".repeat(57)}-vpc-cni" 65 characters; allowed`,
      ]);
    }
  });
});
