import { sentence, Problems } from "../../config/problems";
import { DERIVED_NAMES, derivedNames, tightestDerivedName, checkDerivedNames } from "../../config/derived-names";
import { expectEdge, problemsFrom, problemsOf } from "../helpers/settings";

describe("DERIVED_NAMES", () => {
  it("defaults: the names the constructs give a cluster's resources", () => {
    const names = Object.fromEntries(
      Object.entries(DERIVED_NAMES).map(([what, name]) => [what, name === DERIVED_NAMES.nodeGroup ? name("poc", 2) : name("poc", 0)]),
    );
    expect(names).toEqual({
      clusterRole: "poc-cluster",
      nodeRole: "poc-node",
      vpcCniRole: "poc-vpc-cni",
      nodeGroup: "poc-az2",
      launchTemplatePrefix: "poc-",
      // EKS fixes this name: a different one would leave the cluster's logs in a group nothing creates.
      logGroup: "/aws/eks/poc/cluster",
      flowLogGroup: "/aws/vpc-flow-log/poc",
      flowLogRole: "poc-vpc-flow-logs",
    });
  });
});

describe("derivedNames", () => {
  it("names what each derived name is, with the limit AWS sets for it", () => {
    expect(derivedNames("poc", 3).map(({ what, limit }) => `${what} ${limit}`)).toEqual([
      "IAM role name 64",
      "IAM role name 64",
      "IAM role name 64",
      "IAM role name 64",
      "node group name 63",
      "launch template name prefix 99",
      "log group name 512",
      "log group name 512",
    ]);
  });

  it("judges the last node group of azCount AZs (numbered from 0) and its launch template prefix", () => {
    const groups = derivedNames("poc", 6).filter((n) => n.what.startsWith("node group") || n.what.startsWith("launch template"));
    expect(groups).toEqual([
      { what: "node group name", name: "poc-az5", limit: 63, room: 59 },
      { what: "launch template name prefix", name: "poc-az5-", limit: 99, room: 94 },
    ]);
  });

  it("gives each name the room left to the cluster name: a name of that length fits, one more does not", () => {
    for (const azCount of [2, 6, 10]) {
      for (const { what, limit, room } of derivedNames("x", azCount)) {
        const fits = derivedNames("c".repeat(room), azCount).find((n) => n.what === what && n.limit === limit && n.room === room)!;
        expect([what, fits.name.length]).toEqual([what, limit]);
      }
    }
  });
});

describe("tightestDerivedName", () => {
  it("is the IAM flow-log role with up to 6 AZs, spelt with <name> for the cluster name", () => {
    expect(tightestDerivedName(6)).toEqual({ what: "IAM role name", name: "<name>-vpc-flow-logs", limit: 64, room: 50 });
  });

  it("is what the name check enforces: a cluster name of its room passes, one more character is refused", () => {
    const { room } = tightestDerivedName(6);
    const refused = (name: string): string[] => {
      const problems = new Problems();
      checkDerivedNames(
        { clusterName: name, flowLogDestination: "cloudwatch" },
        6,
        () => ({ name: "clusterName", value: name, source: "default", origin: "default" }),
        problems,
      );
      return problems.found.map(sentence);
    };
    expect(refused("c".repeat(room))).toEqual([]);
    expect(refused("c".repeat(room + 1))).toHaveLength(1);
  });
});

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
    expectEdge("clusterName", "c".repeat(50), "c".repeat(51), "range");
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
