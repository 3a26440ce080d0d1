import { sentence, Problems } from "../../config/problems";
import { readCliContext } from "../../config/sources";
import { listedTwice, parseBoolean, parseInteger, parseList, parseMap, parseOptionalInteger, parseString } from "../../config/parse-values";
import type { RawSetting } from "../../config/problems";

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
    expect(problems.found.map(sentence)).toEqual([]);
  });

  it("refuses anything else, once, and reads it as false", () => {
    const problems = new Problems();
    const yes = fromContext("allowExtendedSupport", "yes");
    expect(parseBoolean(yes, problems)).toBe(false);
    parseBoolean(yes, problems);
    expect(problems.found.map(sentence)).toEqual(['allowExtendedSupport = "yes" (from cdktf.json context): must be true or false']);
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
    expect(problems.found.map(sentence)).toEqual([]);
  });

  it.each(["0x10", "1e3", "3 nodes", "2.5"])("refuses %s, which Number() would read", (value) => {
    const problems = new Problems();
    expect(parseInteger(fromVariable(value), problems)).toBeNaN();
    expect(problems.found.map(sentence)).toEqual([`nodeMaxSize = "${value}" (from EKS_POC_NODE_MAX_SIZE): must be a whole number`]);
  });
});

describe("parseMap", () => {
  it.each([5, true, null])("refuses %p from cdktf.json, which is no map", (value) => {
    const problems = new Problems();
    expect(parseMap(fromContext("tags", value), problems)).toEqual({});
    expect(problems.found.map(sentence)).toHaveLength(1);
  });

  it("ignores empty pairs, as from a trailing comma", () => {
    const problems = new Problems();
    expect(parseMap({ name: "tags", value: "Owner=a, ,Team=b,", source: "EKS_POC_TAGS", origin: "environment" }, problems)).toEqual({
      Owner: "a",
      Team: "b",
    });
    expect(problems.found.map(sentence)).toEqual([]);
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
    expect(problems.found.map(sentence)).toHaveLength(1);
  });

  it("refuses a list with one pair that is not key=value", () => {
    const problems = new Problems();
    expect(parseMap({ name: "tags", value: "Owner=a,Team", source: "EKS_POC_TAGS", origin: "environment" }, problems)).toEqual({});
    expect(problems.found.map(sentence)).toEqual([
      'tags = "Owner=a,Team" (from EKS_POC_TAGS): must be a map of strings (key=value,key=value in an environment variable)',
    ]);
  });
});

describe("parseString", () => {
  it("asks for quotes around a number JSON would have rounded, and refuses other types", () => {
    const problems = new Problems();
    expect(parseString(fromContext("clusterName", 1.3), problems)).toBe("");
    expect(parseString(fromContext("overlay", true), problems)).toBe("");
    expect(problems.found.map(sentence)).toEqual([
      'clusterName = 1.3 (from cdktf.json context): must be a string, in quotes: "1.3"',
      "overlay = true (from cdktf.json context): must be a string",
    ]);
  });
});

describe("parseList", () => {
  it("refuses what is neither a string nor a list of strings, and reads it as empty", () => {
    const problems = new Problems();
    expect(parseList(fromContext("azs", ["us-east-1a", 2]), problems)).toEqual([]);
    expect(problems.found.map(sentence)).toEqual([
      'azs = ["us-east-1a",2] (from cdktf.json context): must be a list of strings (comma-separated in an environment variable)',
    ]);
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
    expect(problems.found.map(sentence)).toEqual([]);
  });

  it("reads a whole number as parseInteger does, and refuses what it refuses", () => {
    const problems = new Problems();
    expect(parseOptionalInteger(fromVariable("flowLogRetentionDays", "30", "EKS_POC_FLOW_LOG_RETENTION_DAYS"), problems)).toBe(30);
    parseOptionalInteger(fromContext("flowLogRetentionDays", "3 GiB"), problems);
    expect(problems.found.map(sentence)).toHaveLength(1);
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
    ["nodeMaxSize", "4", "must be a whole number, a JSON number without quotes: 4"],
    ["allowExtendedSupport", "true", "must be true or false, a JSON boolean without quotes: true"],
    ["azs", "us-east-1a, us-east-1b", 'must be a JSON list of strings in cdktf.json: ["us-east-1a","us-east-1b"]'],
    ["tags", "Owner=platform", 'must be a JSON object of strings in cdktf.json, such as {"Owner": "platform"}'],
  ])("refuses %s = %j, once, saying what to write", (name, value, allowed) => {
    const problems = new Problems();
    const raw = fromContext(name, value);
    const parse = { nodeMaxSize: parseInteger, allowExtendedSupport: parseBoolean, azs: parseList, tags: parseMap }[name]!;
    parse(raw, problems);
    parse(raw, problems);
    expect(problems.found.map(sentence)).toEqual([`${name} = ${JSON.stringify(value)} (from cdktf.json context): ${allowed}`]);
  });
});
