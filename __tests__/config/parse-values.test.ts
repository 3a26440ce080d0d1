import { Problems } from "../../config/problems";
import { readCliContext } from "../../config/sources";
import { listedTwice, parseBoolean, parseInteger, parseList, parseMap, parseOptionalInteger, parseString } from "../../config/parse-values";
import type { RawSetting } from "../../config/problems";
import { meaningOf, refusal, refused } from "../helpers/settings";

const fromContext = (name: RawSetting["name"], value: unknown): RawSetting => ({
  name,
  value,
  source: "cdktf.json context",
  origin: "context",
});
const fromVariable = (name: RawSetting["name"], value: string, source: string): RawSetting => ({
  name,
  value,
  source,
  origin: "environment",
});

describe("parseBoolean", () => {
  it("reads true and false from a variable's string", () => {
    const problems = new Problems();
    expect(parseBoolean(fromVariable("allowExtendedSupport", "false", "EKS_POC_ALLOW_EXTENDED_SUPPORT"), problems)).toBe(false);
    expect(parseBoolean(fromVariable("allowExtendedSupport", "true", "EKS_POC_ALLOW_EXTENDED_SUPPORT"), problems)).toBe(true);
    expect(problems.found).toEqual([]);
  });

  it("refuses anything else, once, and reads it as false", () => {
    const problems = new Problems();
    const yes = fromContext("allowExtendedSupport", "yes");
    expect(parseBoolean(yes, problems)).toBe(false);
    parseBoolean(yes, problems);
    expect(meaningOf(problems.found)).toEqual([refusal("allowExtendedSupport", "cdktf.json context", "type")]);
  });
});

describe("parseInteger", () => {
  const fromVariable = (value: string): RawSetting => ({
    name: "nodeMaxSize",
    value,
    source: "EKS_POC_NODE_MAX_SIZE",
    origin: "environment",
  });

  it("reads whole decimal numbers, spaces around them allowed", () => {
    const problems = new Problems();
    expect(parseInteger(fromVariable(" 3 "), problems)).toBe(3);
    expect(parseInteger(fromVariable("-2"), problems)).toBe(-2);
    expect(problems.found).toEqual([]);
  });

  it.each(["0x10", "1e3", "3 nodes", "2.5"])("refuses %s, which Number() would read", (value) => {
    const problems = new Problems();
    expect(parseInteger(fromVariable(value), problems)).toBeNaN();
    expect(problems.found).toEqual([expect.objectContaining({ ...refusal("nodeMaxSize", "EKS_POC_NODE_MAX_SIZE", "type"), value })]);
  });
});

describe("parseMap", () => {
  it.each([5, true, null])("refuses %p from cdktf.json, which is no map", (value) => {
    const problems = new Problems();
    expect(parseMap(fromContext("tags", value), problems)).toEqual({});
    expect(problems.found).toHaveLength(1);
  });

  it("ignores empty pairs, as from a trailing comma", () => {
    const problems = new Problems();
    expect(parseMap({ name: "tags", value: "Owner=a, ,Team=b,", source: "EKS_POC_TAGS", origin: "environment" }, problems)).toEqual({
      Owner: "a",
      Team: "b",
    });
    expect(problems.found).toEqual([]);
  });

  it("trims keys and values around the =, and splits at the first = only", () => {
    const problems = new Problems();
    expect(parseMap({ name: "tags", value: "Owner = a ,Formula= x=y", source: "EKS_POC_TAGS", origin: "environment" }, problems)).toEqual({
      Owner: "a",
      Formula: "x=y",
    });
  });

  it.each(["=a", "=a=b", " =a"])("refuses a pair without a key: %s", (pair) => {
    const problems = new Problems();
    expect(parseMap({ name: "tags", value: `Owner=a,${pair}`, source: "EKS_POC_TAGS", origin: "environment" }, problems)).toEqual({});
    expect(problems.found).toHaveLength(1);
  });

  it("refuses a list with one pair that is not key=value", () => {
    const problems = new Problems();
    expect(parseMap({ name: "tags", value: "Owner=a,Team", source: "EKS_POC_TAGS", origin: "environment" }, problems)).toEqual({});
    expect(meaningOf(problems.found)).toEqual([refusal("tags", "EKS_POC_TAGS", "type")]);
  });
});

describe("parseString", () => {
  it("asks for quotes around a number JSON would have rounded, and refuses other types", () => {
    const problems = new Problems();
    expect(parseString(fromContext("clusterName", 1.3), problems)).toBe("");
    expect(parseString(fromContext("overlay", true), problems)).toBe("");
    expect(problems.found).toEqual([
      refused("clusterName", "cdktf.json context", "type", 'in quotes: "1.3"'),
      refused("overlay", "cdktf.json context", "type"),
    ]);
    expect(problems.found[1].detail).not.toContain("quotes");
  });
});

describe("parseList", () => {
  it("refuses what is neither a string nor a list of strings, and reads it as empty", () => {
    const problems = new Problems();
    expect(parseList(fromContext("azs", ["us-east-1a", 2]), problems)).toEqual([]);
    expect(meaningOf(problems.found)).toEqual([refusal("azs", "cdktf.json context", "type")]);
  });
});

describe("readCliContext", () => {
  it("reads the context the cdktf CLI passes, and none without it", () => {
    expect(readCliContext({ CDKTF_CONTEXT_JSON: '{"azCount":2}' })).toEqual({ azCount: 2 });
    expect(readCliContext({})).toEqual({});
  });
});

describe("parseOptionalInteger", () => {
  it("reads nothing from an unset or empty value, without a problem", () => {
    const problems = new Problems();
    expect(parseOptionalInteger(fromContext("flowLogRetentionDays", undefined), problems)).toBeUndefined();
    expect(parseOptionalInteger(fromContext("flowLogRetentionDays", ""), problems)).toBeUndefined();
    expect(problems.found).toEqual([]);
  });

  it("reads a whole number as parseInteger does, and refuses what it refuses", () => {
    const problems = new Problems();
    expect(parseOptionalInteger(fromVariable("flowLogRetentionDays", "30", "EKS_POC_FLOW_LOG_RETENTION_DAYS"), problems)).toBe(30);
    parseOptionalInteger(fromContext("flowLogRetentionDays", "3 GiB"), problems);
    expect(problems.found).toHaveLength(1);
  });
});

describe("listedTwice", () => {
  it("names each value given more than once, once, in the order of its second appearance", () => {
    expect(listedTwice(["a", "b", "c"])).toBeUndefined();
    expect(listedTwice(["a", "b", "a"])).toBe("a is listed twice");
    expect(listedTwice(["b", "a", "a", "b", "a"])).toBe("a, b are listed twice");
  });
});

describe("a string in cdktf.json where JSON has a type of its own", () => {
  // The same strings from a variable are read: the "parse ... from strings" cases of load-settings.test.ts.
  it.each([
    ["nodeMaxSize", "4", "without quotes: 4"],
    ["allowExtendedSupport", "true", "without quotes: true"],
    ["azs", "us-east-1a, us-east-1b", '["us-east-1a","us-east-1b"]'],
    ["tags", "Owner=platform", '{"Owner": "platform"}'],
  ])("refuses %s = %j, once, saying what to write", (name, value, write) => {
    const problems = new Problems();
    const raw = fromContext(name, value);
    const parse = { nodeMaxSize: parseInteger, allowExtendedSupport: parseBoolean, azs: parseList, tags: parseMap }[name]!;
    parse(raw, problems);
    parse(raw, problems);
    expect(problems.found).toEqual([refused(name, "cdktf.json context", "type", write)]);
  });
});
