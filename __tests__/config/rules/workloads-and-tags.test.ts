import type { Reason } from "../../../config/problems";
import { loadSettings } from "../../../config/load-settings";
import { TODAY, expectEdge, meaningOf, refusal, refused, refusalsFrom, refusalsOf, settingsFrom } from "../../helpers/settings";

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

  const cases: Array<[string, Record<string, string>, Reason, string]> = [
    ["a value holding =", { Formula: "a=b" }, "format", "Formula=a=b: a value may not contain ="],
    ["a value holding ,", { Owners: "ann,bob" }, "format", "Owners=ann,bob: a value may not contain ="],
    ["a key ending in a space", { "Team ": "a" }, "format", "Team =a: a key may not"],
    ["a character AWS refuses", { Team: "a&b" }, "format", "Team=a&b:"],
    ["a reserved aws: key", { "aws:owner": "me" }, "reserved", "aws:owner=me:"],
    ["a key the controller sets itself", { "kubernetes.io/cluster/x": "owned" }, "reserved", "kubernetes.io/cluster/x=owned:"],
    ["a key of 129 characters", { ["k".repeat(129)]: "v" }, "range", "1 to 128"],
    ["a value of 257 characters", { Long: "v".repeat(257) }, "range", "at most 256"],
  ];

  it.each(cases)("refuses %s", (_, tags, reason, salient) => {
    expect(refusalsOf({ tags })).toEqual([refused("tags", "cdktf.json context", reason, salient)]);
  });

  it("accepts 44 tags and refuses 45: a node's instance carries 6 of its own beside them", () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i}`, "v"]));
    expect(Object.keys(loadSettings({ tags: tags(44) }, {}, TODAY).tags)).toHaveLength(44);
    expect(refusalsOf({ tags: tags(45) })).toEqual([refused("tags", "cdktf.json context", "range", "has 45 tags; allowed: at most 44")]);
  });

  it("count the default tags that EKS_POC_TAGS adds to", () => {
    const many = Array.from({ length: 43 }, (_, i) => `K${i}=v`).join(",");
    expect(refusalsFrom({ EKS_POC_TAGS: many })).toEqual([refused("tags", "EKS_POC_TAGS", "range", "makes 45 tags")]);
  });

  it("refuses an empty key, and aws: in any case", () => {
    expect(refusalsOf({ tags: { "": "v" } })).toEqual([refused("tags", "cdktf.json context", "range", "1 to 128")]);
    expect(refusalsFrom({ EKS_POC_TAGS: "AWS:Owner=me" })).toEqual([refused("tags", "EKS_POC_TAGS", "reserved", "AWS:Owner=me:")]);
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
      expect(refusalsOf({ tags: { "aws:x": "1" } }, { EKS_POC_TAGS: "Owner=ops" })).toEqual([
        refused("tags", "cdktf.json context", "reserved", "aws:x=1:"),
      ]);
    });

    it("reports a malformed variable and a bad tag of cdktf.json, each once", () => {
      expect(meaningOf(refusalsOf({ tags: { "aws:x": "1" } }, { EKS_POC_TAGS: "Owner" }))).toEqual([
        refusal("tags", "EKS_POC_TAGS", "type"),
        refusal("tags", "cdktf.json context", "reserved"),
      ]);
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
  it("are refused in one layer", () => {
    expectEdge("tags", { Owner: "a", Owners: "b" }, { Owner: "a", owner: "b" }, "repeated");
  });

  it("are refused across EKS_POC_TAGS and the tags it adds to, where the same key only overrides", () => {
    expect(refusalsOf({ tags: { Owner: "a" } }, { EKS_POC_TAGS: "Owner=b" })).toEqual([]);
    expect(refusalsOf({ tags: { Owner: "a" } }, { EKS_POC_TAGS: "owner=b" })).toEqual([
      refused("tags", "EKS_POC_TAGS", "repeated", "Owner and owner"),
    ]);
  });
});
