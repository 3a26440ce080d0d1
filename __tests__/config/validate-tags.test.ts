import { loadSettings } from "../../config/load-settings";
import { problemsFrom, settingsFrom } from "../helpers/settings";

describe("tags", () => {
  it("accept what AWS and the load balancer annotation accept", () => {
    expect(settingsFrom({ EKS_POC_TAGS: "Owner=Jane Doe,Path=/a:b,Mail=ops@example.com,Empty=" }).tags)
      .toEqual({ Owner: "Jane Doe", Path: "/a:b", Mail: "ops@example.com", Empty: "" });
  });

  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["a value holding =", { tags: { Formula: "a=b" } },
      'tags = {"Formula":"a=b"} (from cdktf.json context): Formula=a=b: a value may not contain = or , (the load balancer annotation is key=value,key=value)'],
    ["a value holding ,", { tags: { Owners: "ann,bob" } },
      'tags = {"Owners":"ann,bob"} (from cdktf.json context): Owners=ann,bob: a value may not contain = or , (the load balancer annotation is key=value,key=value)'],
    ["a key ending in a space", { tags: { "Team ": "a" } },
      'tags = {"Team ":"a"} (from cdktf.json context): Team =a: a key may not start or end with a space'],
    ["a character AWS refuses", { tags: { Team: "a&b" } },
      'tags = {"Team":"a&b"} (from cdktf.json context): Team=a&b: allowed in a value: letters, numbers, spaces and _ . : / + - @'],
    ["a reserved aws: key", { tags: { "aws:owner": "me" } },
      'tags = {"aws:owner":"me"} (from cdktf.json context): aws:owner=me: keys starting with aws: are reserved for AWS'],
    ["a key the controller sets itself", { tags: { "kubernetes.io/cluster/x": "owned" } },
      'tags = {"kubernetes.io/cluster/x":"owned"} (from cdktf.json context): kubernetes.io/cluster/x=owned: the load balancer controller sets this key itself'],
    ["a key of 129 characters", { tags: { ["k".repeat(129)]: "v" } },
      `tags = {"${"k".repeat(129)}":"v"} (from cdktf.json context): ${"k".repeat(129)}=v: a key must have 1 to 128 characters`],
    ["a value of 257 characters", { tags: { Long: "v".repeat(257) } },
      `tags = {"Long":"${"v".repeat(257)}"} (from cdktf.json context): Long=${"v".repeat(257)}: a value must have at most 256 characters`],
  ];

  it.each(cases)("refuses %s", (_, context, message) => {
    expect(() => loadSettings(context, {})).toThrow(message);
  });

  it("refuses more tags than a load balancer can carry beside the controller's two", () => {
    const many = Array.from({ length: 49 }, (_, i) => `K${i}=v`).join(",");
    expect(problemsFrom({ EKS_POC_TAGS: many })).toEqual([
      `tags = "${many}" (from EKS_POC_TAGS): has 49 tags; allowed: at most 48 (a load balancer takes 50, the controller adds 2)`,
    ]);
  });
});
