import { Problems } from "../../config/problems";
import type { Problem } from "../../config/problems";
import { DERIVED_NAMES, derivedNames, tightestDerivedName, checkDerivedNames } from "../../config/derived-names";
import { expectEdge, meaningOf, refusal, refused, refusalsFrom, refusalsOf } from "../helpers/settings";

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
    const found = (name: string): Problem[] => {
      const problems = new Problems();
      checkDerivedNames(
        { clusterName: name, flowLogDestination: "cloudwatch" },
        6,
        () => ({ name: "clusterName", value: name, source: "default", origin: "default" }),
        problems,
      );
      return problems.found;
    };
    expect(found("c".repeat(room))).toEqual([]);
    expect(found("c".repeat(room + 1))).toEqual([refused("clusterName", "default", "range", `-vpc-flow-logs" ${room + 15} characters`)]);
  });
});

describe("checkDerivedNames", () => {
  it("judges no derived name while azCount cannot be read: the node groups' names need it", () => {
    expect(meaningOf(refusalsFrom({ EKS_POC_AZ_COUNT: "x", EKS_POC_CLUSTER_NAME: "c".repeat(60) }))).toEqual([
      refusal("azCount", "EKS_POC_AZ_COUNT", "type"),
    ]);
  });
});

describe("the flow-log role's name", () => {
  it("limits the cluster name when flow logs go to CloudWatch Logs, through their role", () => {
    expectEdge("clusterName", "c".repeat(50), "c".repeat(51), "range");
  });

  it("does not limit it when flow logs are off or go to S3, which need no role", () => {
    for (const flowLogDestination of ["none", "arn:aws:s3:::my-logs"]) {
      expect(refusalsOf({ flowLogDestination, clusterName: "c".repeat(56) })).toEqual([]);
      expect(refusalsOf({ flowLogDestination, clusterName: "c".repeat(57) })).toEqual([
        refused("clusterName", "cdktf.json context", "range", `"${"c".repeat(57)}-cluster" 65 characters`),
        refused("clusterName", "cdktf.json context", "range", `"${"c".repeat(57)}-vpc-cni" 65 characters`),
      ]);
    }
  });
});
