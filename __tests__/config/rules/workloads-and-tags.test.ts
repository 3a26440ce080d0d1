import { sentence } from "../../../config/problems";
import type { ConfigError } from "../../../config/problems";
import { loadSettings } from "../../../config/load-settings";
import { TODAY, expectEdge, problemsFrom, problemsOf, settingsFrom } from "../../helpers/settings";

describe("tags", () => {
  it("accept what AWS and the load balancer annotation accept", () => {
    expect(settingsFrom({ EKS_POC_TAGS: "Owner=Jane Doe,Path=/a:b,Mail=ops@example.com,Empty=" }).tags).toEqual({
      Project: "eks-haproxy-poc",
      ManagedBy: "cdktf",
      Owner: "Jane Doe",
      Path: "/a:b",
      Mail: "ops@example.com",
      Empty: "",
    });
  });

  const cases: Array<[string, Record<string, unknown>, string]> = [
    [
      "a value holding =",
      { tags: { Formula: "a=b" } },
      'tags = {"Formula":"a=b"} (from cdktf.json context): Formula=a=b: a value may not contain = or , (the load balancer annotation is key=value,key=value)',
    ],
    [
      "a value holding ,",
      { tags: { Owners: "ann,bob" } },
      'tags = {"Owners":"ann,bob"} (from cdktf.json context): Owners=ann,bob: a value may not contain = or , (the load balancer annotation is key=value,key=value)',
    ],
    [
      "a key ending in a space",
      { tags: { "Team ": "a" } },
      'tags = {"Team ":"a"} (from cdktf.json context): Team =a: a key may not start or end with a space',
    ],
    [
      "a character AWS refuses",
      { tags: { Team: "a&b" } },
      'tags = {"Team":"a&b"} (from cdktf.json context): Team=a&b: allowed in a value: letters, numbers, spaces and _ . : / + - @',
    ],
    [
      "a reserved aws: key",
      { tags: { "aws:owner": "me" } },
      'tags = {"aws:owner":"me"} (from cdktf.json context): aws:owner=me: keys starting with aws: are reserved for AWS',
    ],
    [
      "a key the controller sets itself",
      { tags: { "kubernetes.io/cluster/x": "owned" } },
      'tags = {"kubernetes.io/cluster/x":"owned"} (from cdktf.json context): kubernetes.io/cluster/x=owned: the load balancer controller sets this key itself',
    ],
    [
      "a key of 129 characters",
      { tags: { ["k".repeat(129)]: "v" } },
      `tags = {"${"k".repeat(129)}":"v"} (from cdktf.json context): ${"k".repeat(129)}=v: a key must have 1 to 128 characters`,
    ],
    [
      "a value of 257 characters",
      { tags: { Long: "v".repeat(257) } },
      `tags = {"Long":"${"v".repeat(257)}"} (from cdktf.json context): Long=${"v".repeat(257)}: a value must have at most 256 characters`,
    ],
  ];

  it.each(cases)("refuses %s", (_, context, message) => {
    expect(() => loadSettings(context, {}, TODAY)).toThrow(message);
  });

  const limit = "allowed: at most 44 (AWS allows 50 on a node instance, which carries 6 of its own)";

  it("accepts 44 tags and refuses 45: a node's instance carries 6 of its own beside them", () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i}`, "v"]));
    expect(Object.keys(loadSettings({ tags: tags(44) }, {}, TODAY).tags)).toHaveLength(44);
    expect(() => loadSettings({ tags: tags(45) }, {}, TODAY)).toThrow(
      `tags = ${JSON.stringify(tags(45))} (from cdktf.json context): has 45 tags; ${limit}`,
    );
  });

  it("count the default tags that EKS_POC_TAGS adds to", () => {
    const many = Array.from({ length: 43 }, (_, i) => `K${i}=v`).join(",");
    expect(problemsFrom({ EKS_POC_TAGS: many })).toEqual([
      `tags = "${many}" (from EKS_POC_TAGS): makes 45 tags with those it adds to; ${limit}`,
    ]);
  });

  it("refuses an empty key, and aws: in any case", () => {
    expect(() => loadSettings({ tags: { "": "v" } }, {}, TODAY)).toThrow(
      'tags = {"":"v"} (from cdktf.json context): =v: a key must have 1 to 128 characters',
    );
    expect(problemsFrom({ EKS_POC_TAGS: "AWS:Owner=me" })).toEqual([
      'tags = "AWS:Owner=me" (from EKS_POC_TAGS): AWS:Owner=me: keys starting with aws: are reserved for AWS',
    ]);
  });

  describe("EKS_POC_TAGS adds to the tags of cdktf.json, or the defaults", () => {
    it("keeps the defaults and overrides a value key by key", () => {
      expect(settingsFrom({ EKS_POC_TAGS: "Owner=ops,ManagedBy=terraform" }).tags).toEqual({
        Project: "eks-haproxy-poc",
        ManagedBy: "terraform",
        Owner: "ops",
      });
    });

    it("adds to cdktf.json's tags, which replace the defaults", () => {
      expect(loadSettings({ tags: { Team: "a" } }, { EKS_POC_TAGS: "Owner=ops" }, TODAY).tags).toEqual({ Team: "a", Owner: "ops" });
    });

    it("names cdktf.json for a bad tag that comes from there", () => {
      expect(() => loadSettings({ tags: { "aws:x": "1" } }, { EKS_POC_TAGS: "Owner=ops" }, TODAY)).toThrow(
        'tags = {"aws:x":"1"} (from cdktf.json context): aws:x=1: keys starting with aws: are reserved for AWS',
      );
    });

    it("reports a malformed variable and a bad tag of cdktf.json, each once", () => {
      try {
        loadSettings({ tags: { "aws:x": "1" } }, { EKS_POC_TAGS: "Owner" }, TODAY);
        throw new Error("accepted");
      } catch (error) {
        expect((error as ConfigError).problems.map(sentence)).toEqual([
          'tags = "Owner" (from EKS_POC_TAGS): must be a map of strings (key=value,key=value in an environment variable)',
          'tags = {"aws:x":"1"} (from cdktf.json context): aws:x=1: keys starting with aws: are reserved for AWS',
        ]);
      }
    });

    it("goes back to the default tags when empty", () => {
      expect(loadSettings({ tags: { Team: "a" } }, { EKS_POC_TAGS: "" }, TODAY).tags).toEqual({
        Project: "eks-haproxy-poc",
        ManagedBy: "cdktf",
      });
    });
  });
});

describe("tag keys that differ only in case", () => {
  const reason = "differ only in case, and IAM, which tags the roles, treats tag keys case-insensitively";
  it("are refused in one layer", () => {
    expectEdge("tags", { Owner: "a", Owners: "b" }, { Owner: "a", owner: "b" }, "repeated");
  });

  it("are refused across EKS_POC_TAGS and the tags it adds to, where the same key only overrides", () => {
    expect(problemsOf({ tags: { Owner: "a" } }, { EKS_POC_TAGS: "Owner=b" })).toEqual([]);
    expect(problemsOf({ tags: { Owner: "a" } }, { EKS_POC_TAGS: "owner=b" })).toEqual([
      `tags = "owner=b" (from EKS_POC_TAGS): Owner and owner ${reason}; allowed: one spelling of each key`,
    ]);
  });
});
