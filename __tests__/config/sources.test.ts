import { Problems, sentence } from "../../config/problems";
import type { ConfigError, Problem } from "../../config/problems";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../../config/load-settings";
import { readBelowVariable, readRawSettings, synthDate } from "../../config/sources";
import { TODAY, expectEdge, meaningOf, refusal, refused, refusalsFrom, refusalsOf, settingsFrom } from "../helpers/settings";
import { DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { FUTURE_FLAGS } from "cdktf/lib/features";
import { TARGET_VERSIONS_CONTEXT_KEY } from "cdktf/lib/validations/target-versions";
import { FUTURE_FLAGS as LEGACY_FUTURE_FLAGS } from "cdktf-0.21/lib/features";
import { readCdktfJson } from "../../scripts/lib/app-command";

describe("an empty variable", () => {
  it("clears cdktf.json's value: the setting takes its default", () => {
    const settings = loadSettings({ azCount: 2, stateBucket: "tf-state" }, { EKS_POC_AZ_COUNT: "", EKS_POC_STATE_BUCKET: " " }, TODAY);
    expect(settings.azCount).toBe(3);
    expect(settings.state.bucket).toBe("");
  });

  it("counts as empty when it holds only spaces", () => {
    expect(readRawSettings({ azCount: 2 }, { EKS_POC_AZ_COUNT: " " })["azCount"]).toEqual({
      name: "azCount",
      value: 3,
      source: "default, as EKS_POC_AZ_COUNT is empty",
      origin: "default",
    });
  });

  it("says so as the value's source", () => {
    expect(readRawSettings({ azCount: 2 }, { EKS_POC_AZ_COUNT: "" })["azCount"]).toEqual({
      name: "azCount",
      value: 3,
      source: "default, as EKS_POC_AZ_COUNT is empty",
      origin: "default",
    });
  });

  it("leaves the region to AWS_REGION, as if the variable were unset", () => {
    expect(loadSettings({ region: "us-west-2" }, { EKS_POC_REGION: "", AWS_REGION: "eu-west-1" }, TODAY).region).toBe("eu-west-1");
  });
});

describe("an empty allowlist variable, whose default lets everyone in", () => {
  it.each(["EKS_POC_ENDPOINT_PUBLIC_ACCESS_CIDRS", "EKS_POC_LOAD_BALANCER_SOURCE_RANGES"])(
    "%s is refused, not read as 0.0.0.0/0",
    (variable) => {
      const problems = refusalsOf(
        { endpointPublicAccessCidrs: ["8.8.8.8/32"], loadBalancerSourceRanges: ["8.8.8.8/32"] },
        { [variable]: "" },
      );
      expect(problems).toEqual([expect.objectContaining({ source: variable, reason: "empty", value: "" })]);
      expect(refusalsOf({}, { [variable]: "8.8.8.8/32" })).toEqual([]);
    },
  );
});

const warnings = (context: Record<string, unknown>, env: Record<string, string>): string[] => {
  const lines: string[] = [];
  loadSettings(context, env, TODAY, (line) => lines.push(line));
  return lines;
};

describe("AWS_DEFAULT_REGION", () => {
  it("counts below AWS_REGION and above cdktf.json, as in the AWS CLI, and says when it decides", () => {
    expect(loadSettings({}, { AWS_DEFAULT_REGION: "eu-west-1", AWS_REGION: "eu-north-1" }, TODAY).region).toBe("eu-north-1");
    expect(loadSettings({ region: "us-east-1" }, { AWS_DEFAULT_REGION: "eu-west-1" }, TODAY).region).toBe("eu-west-1");
    // The words of this warning: problems.test.ts ("note"); here, that it names both sources and the variable that decided.
    const [line, ...others] = warnings({ region: "us-east-1" }, { AWS_DEFAULT_REGION: "eu-west-1" });
    expect(others).toEqual([]);
    expect(line).toContain('region = "eu-west-1" (from AWS_DEFAULT_REGION)');
    expect(line).toContain('"us-east-1" (from cdktf.json context)');
    expect(line).toContain("whatever AWS_DEFAULT_REGION says");
  });

  it("is judged and named as any source of the region", () => {
    expectEdge("region", "il-central-1", "il-central", "format");
    expect(meaningOf(refusalsOf({}, { AWS_DEFAULT_REGION: "il-central" }))).toEqual([refusal("region", "AWS_DEFAULT_REGION", "format")]);
  });
});

describe("the AWS profile's region", () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "eks-poc-profile-"));
    writeFileSync(join(home, "config"), "[default]\nregion = eu-west-1\n\n[profile dev]\noutput = json\nregion=ap-south-1\n");
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  // The one sentence of this warning (a note: problems.test.ts has another note's).
  it("is named in a warning when the default region, which synth took instead, differs", () => {
    const env = { AWS_CONFIG_FILE: join(home, "config"), AWS_PROFILE: "dev" };
    expect(warnings({}, env)).toEqual([
      `region = "us-east-1" (from default): the AWS profile dev sets region ap-south-1 (${env.AWS_CONFIG_FILE}), which synth does not read; ` +
        "set EKS_POC_REGION, AWS_REGION or cdktf.json's region to deploy there",
    ]);
    expect(warnings({}, { AWS_CONFIG_FILE: env.AWS_CONFIG_FILE })[0]).toContain("the AWS profile default sets region eu-west-1");
  });

  it("is not named when the region was chosen, or agrees", () => {
    const env = { AWS_CONFIG_FILE: join(home, "config") };
    expect(warnings({ region: "us-east-1" }, env)).toEqual([]);
    expect(warnings({}, { ...env, EKS_POC_REGION: "us-east-1" })).toEqual([]);
    expect(warnings({}, { ...env, AWS_PROFILE: "none" })).toEqual([]);
    expect(warnings({}, { HOME: home })).toEqual([]);
  });
});

describe("AWS_REGION", () => {
  it("says when it overrides cdktf.json's region, and how to choose", () => {
    // The words of this warning: problems.test.ts ("note"); here, that it names cdktf.json's region as the one overridden.
    const [line, ...others] = warnings({ region: "us-east-1" }, { AWS_REGION: "eu-west-1" });
    expect(others).toEqual([]);
    expect(line).toContain('region = "eu-west-1" (from AWS_REGION)');
    expect(line).toContain('"us-east-1" (from cdktf.json context)');
  });

  it("says nothing when it agrees, or when EKS_POC_REGION decides", () => {
    expect(warnings({ region: "eu-west-1" }, { AWS_REGION: "eu-west-1" })).toEqual([]);
    expect(warnings({ region: "us-east-1" }, { EKS_POC_REGION: "eu-west-1" })).toEqual([]);
    expect(warnings({ region: "us-east-1" }, { AWS_REGION: "eu-west-1", EKS_POC_REGION: "us-east-1" })).toEqual([]);
  });

  it("is named as the source of a bad region", () => {
    expect(refusalsOf({}, { AWS_REGION: "mars-1" })).toEqual([
      expect.objectContaining({ ...refusal("region", "AWS_REGION", "format"), value: "mars-1" }),
    ]);
  });
});

describe("a setting of the wrong type", () => {
  it("gets one line, not a second one judging a stand-in value", () => {
    expect(meaningOf(refusalsOf({ kubernetesVersion: 1.35 }))).toEqual([refusal("kubernetesVersion", "cdktf.json context", "type")]);
    expect(meaningOf(refusalsOf({ kubernetesVersion: 1.35, clusterName: 7 }))).toEqual([
      refusal("clusterName", "cdktf.json context", "type"),
      refusal("kubernetesVersion", "cdktf.json context", "type"),
    ]);
  });
});

describe("readBelowVariable", () => {
  it("gives the value a setting would have without its own variable, other variables still counting", () => {
    const env = { EKS_POC_REGION: "us-west-2", AWS_REGION: "eu-west-1" };
    expect(readBelowVariable("region", { region: "us-east-1" }, env)).toEqual({
      name: "region",
      value: "eu-west-1",
      source: "AWS_REGION",
      origin: "environment",
    });
    expect(readBelowVariable("region", { region: "us-east-1" }, { ...env, AWS_REGION: undefined })).toEqual({
      name: "region",
      value: "us-east-1",
      source: "cdktf.json context",
      origin: "context",
    });
  });
});

/** Problems of settings judged on the day the environment names (no `today` given, as main.ts calls it). */
function problemsOn(env: Record<string, string>): Problem[] {
  try {
    loadSettings({}, { EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c", ...env });
  } catch (error) {
    return [...(error as ConfigError).problems];
  }
  return [];
}

describe("EKS_POC_SYNTH_DATE", () => {
  it("judges the settings as on that day", () => {
    expect(problemsOn({ EKS_POC_SYNTH_DATE: "2026-11-24" })).toEqual([]);
    expect(problemsOn({ EKS_POC_SYNTH_DATE: "2027-04-01" })).toEqual([
      refused("kubernetesVersion", "default", "unavailable", "standard support"),
    ]);
  });

  it.each(["2027-02-30", "27-01-01", "2027-1-1", "tomorrow"])("refuses %s in one line", (value) => {
    expect(problemsOn({ EKS_POC_SYNTH_DATE: value })).toEqual([
      expect.objectContaining({ ...refusal("EKS_POC_SYNTH_DATE", "the environment", "format"), value }),
    ]);
  });
});

describe("synthDate", () => {
  it("is now when the variable is unset or empty, without a problem", () => {
    const problems = new Problems();
    for (const env of [{}, { EKS_POC_SYNTH_DATE: "" }]) {
      const before = Date.now();
      const day = synthDate(env, problems).getTime();
      expect(day).toBeGreaterThanOrEqual(before);
      expect(day).toBeLessThanOrEqual(Date.now());
    }
    expect(problems.found).toEqual([]);
  });

  it("is noon UTC of the day named", () => {
    expect(synthDate({ EKS_POC_SYNTH_DATE: "2027-03-01" }, new Problems()).toISOString()).toBe("2027-03-01T12:00:00.000Z");
  });

  it.each(["x2027-03-01", "2027-03-01x", "+02027-03-01", "2027-03-01T00:00"])("refuses %s, which Date would read", (value) => {
    const problems = new Problems();
    synthDate({ EKS_POC_SYNTH_DATE: value }, problems);
    expect(meaningOf(problems.found)).toEqual([refusal("EKS_POC_SYNTH_DATE", "the environment", "format")]);
  });
});

/** The name the one problem of an unknown name suggests, if any. */
function suggestion(context: Record<string, unknown>, env: Record<string, string> = {}): string | undefined {
  const problems = refusalsOf(context, env);
  expect(meaningOf(problems).map((problem) => problem.reason)).toEqual(["unknown"]);
  return /\(did you mean (\S+)\?\)/.exec(problems[0].detail)?.[1];
}

describe("unknown setting names", () => {
  // The one sentence of an unknown variable (problems.test.ts has the unknown cdktf.json key's): its allowed list differs.
  it("refuses an EKS_POC_ variable that names no setting, with the closest name", () => {
    expect(refusalsFrom({ EKS_POC_NODE_INSTANCE_TYPE: "t3.large" }).map(sentence)).toEqual([
      'EKS_POC_NODE_INSTANCE_TYPE = "t3.large" (from the environment): names no setting (did you mean EKS_POC_NODE_INSTANCE_TYPES?); ' +
        "allowed: EKS_POC_ and a setting's name in capitals (docs/configuration.md), or EKS_POC_DEBUG or EKS_POC_SYNTH_DATE or EKS_POC_KEEP_HARNESS_LOGS",
    ]);
  });

  it("suggests a name up to a third of the name's length in edits away, one at least", () => {
    // Two substitutions in a 7-letter name: a third of it.
    expect(suggestion({ azCuont: 3 })).toBe("azCount");
    // Six letters missing from a 19-letter name: a third of it.
    expect(suggestion({ endpointPublicCidrs: [] })).toBe("endpointPublicAccessCidrs");
    // Seven from a 19-letter name (six missing, one changed): one too far.
    expect(suggestion({ endpointPublicCidrX: [] })).toBeUndefined();
    // Twelve from a 19-letter name: far too far.
    expect(suggestion({ endpointPubCidrsXYZ: [] })).toBeUndefined();
    // One edit from a 3-letter name, two from a 6-letter one: close; two from a 3-letter name: not.
    expect(suggestion({ az: [] })).toBe("azs");
    expect(suggestion({ regoin: "x" })).toBe("region");
    expect(suggestion({ zzz: 1 })).toBeUndefined();
  });

  it("judges a variable's closeness without the EKS_POC_ prefix all variables share", () => {
    // ZZZ is two edits from AZS, and would be close only if EKS_POC_ counted towards its length.
    expect(suggestion({}, { EKS_POC_ZZZ: "1" })).toBeUndefined();
    expect(suggestion({}, { EKS_POC_REGOIN: "eu-west-1" })).toBe("EKS_POC_REGION");
  });

  it("guesses no name when none is near", () => {
    expect(meaningOf(refusalsFrom({ EKS_POC_COLOUR: "blue" }))).toEqual([refusal("EKS_POC_COLOUR", "the environment", "unknown")]);
    expect(suggestion({}, { EKS_POC_COLOUR: "blue" })).toBeUndefined();
  });

  it("accepts the variables that are not settings, and other prefixes", () => {
    expect(() => settingsFrom({ EKS_POC_DEBUG: "1", EKS_POC_KEEP_HARNESS_LOGS: "1", EKS_POCKET: "x", AWS_PROFILE: "p" })).not.toThrow();
  });

  it("refuses a cdktf.json context key that names no setting, with the closest name", () => {
    expect(refusalsOf({ nodeInstanceType: "t3.large" })).toEqual([
      refused("nodeInstanceType", "cdktf.json context", "unknown", "(did you mean nodeInstanceTypes?)"),
    ]);
  });

  it("leaves cdktf's own context keys alone, and accepts the shipped cdktf.json, which writes no setting", () => {
    expect(readCdktfJson().context).toEqual({ targetVersions: { terraform: ">=1.11.0" } });
    const context = { ...readCdktfJson().context, cdktfRelativeModules: [], "@cdktf/disable_stack_trace_in_metadata": true };
    expect(() => loadSettings(context, {}, TODAY)).not.toThrow();
  });

  it("leaves alone every context key the installed libraries read: CDK Terrain's and cdktf 0.21's", () => {
    const keys = [
      TARGET_VERSIONS_CONTEXT_KEY,
      ...Object.keys(FUTURE_FLAGS),
      ...Object.keys(LEGACY_FUTURE_FLAGS),
      DISABLE_STACK_TRACE_IN_METADATA,
    ];
    expect(keys).toContain("targetVersions");
    const context = Object.fromEntries(keys.map((key) => [key, key === "targetVersions" ? { terraform: ">=1.11.0" } : "true"]));
    expect(() => loadSettings(context, {}, TODAY)).not.toThrow();
  });
});
