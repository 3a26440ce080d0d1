import { DERIVED_NAMES, derivedNames, tightestDerivedName } from "../../config/derived-names";
import { Problems } from "../../config/parse-values";
import { checkDerivedNames } from "../../config/validate-names";

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
      return problems.lines;
    };
    expect(refused("c".repeat(room))).toEqual([]);
    expect(refused("c".repeat(room + 1))).toHaveLength(1);
  });
});
