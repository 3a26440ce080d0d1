import { loadSettings } from "../../config/load-settings";
import { DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { FUTURE_FLAGS } from "cdktf/lib/features";
import { TARGET_VERSIONS_CONTEXT_KEY } from "cdktf/lib/validations/target-versions";
import { FUTURE_FLAGS as LEGACY_FUTURE_FLAGS } from "cdktf-0.21/lib/features";
import { readCdktfJson } from "../../scripts/lib/app-command";
import { TODAY, problemsFrom, settingsFrom } from "../helpers/settings";

describe("unknown setting names", () => {
  it("refuses an EKS_POC_ variable that names no setting, with the closest name", () => {
    expect(problemsFrom({ EKS_POC_NODE_INSTANCE_TYPE: "t3.large" })).toEqual([
      'EKS_POC_NODE_INSTANCE_TYPE = "t3.large" (from the environment): names no setting (did you mean EKS_POC_NODE_INSTANCE_TYPES?); ' +
        "allowed: EKS_POC_ and a setting's name in capitals (README, Configuration), or EKS_POC_DEBUG or EKS_POC_SYNTH_DATE or EKS_POC_KEEP_HARNESS_LOGS",
    ]);
  });

  it("suggests a name up to a third of the name's length in edits away, one at least", () => {
    // Two substitutions in a 7-letter name: a third of it.
    expect(() => loadSettings({ azCuont: 3 }, {}, TODAY)).toThrow("(did you mean azCount?)");
    // Six letters missing from a 19-letter name: a third of it.
    expect(() => loadSettings({ endpointPublicCidrs: [] }, {}, TODAY)).toThrow("(did you mean endpointPublicAccessCidrs?)");
    // Seven from a 19-letter name: too far.
    expect(() => loadSettings({ endpointPubCidrsXYZ: [] }, {}, TODAY)).not.toThrow("did you mean");
    // One edit from a 3-letter name, two from a 6-letter one: close; two from a 3-letter name: not.
    expect(() => loadSettings({ az: [] }, {}, TODAY)).toThrow("(did you mean azs?)");
    expect(() => loadSettings({ regoin: "x" }, {}, TODAY)).toThrow("(did you mean region?)");
    expect(() => loadSettings({ zzz: 1 }, {}, TODAY)).not.toThrow("did you mean");
  });

  it("judges a variable's closeness without the EKS_POC_ prefix all variables share", () => {
    // ZZZ is two edits from AZS, and would be close only if EKS_POC_ counted towards its length.
    expect(problemsFrom({ EKS_POC_ZZZ: "1" })[0]).not.toContain("did you mean");
    expect(problemsFrom({ EKS_POC_REGOIN: "eu-west-1" })[0]).toContain("(did you mean EKS_POC_REGION?)");
  });

  it("guesses no name when none is near", () => {
    expect(problemsFrom({ EKS_POC_COLOUR: "blue" })).toEqual([
      'EKS_POC_COLOUR = "blue" (from the environment): names no setting; ' +
        "allowed: EKS_POC_ and a setting's name in capitals (README, Configuration), or EKS_POC_DEBUG or EKS_POC_SYNTH_DATE or EKS_POC_KEEP_HARNESS_LOGS",
    ]);
  });

  it("accepts the variables that are not settings, and other prefixes", () => {
    expect(() => settingsFrom({ EKS_POC_DEBUG: "1", EKS_POC_KEEP_HARNESS_LOGS: "1", EKS_POCKET: "x", AWS_PROFILE: "p" })).not.toThrow();
  });

  it("refuses a cdktf.json context key that names no setting, with the closest name", () => {
    expect(() => loadSettings({ nodeInstanceType: "t3.large" }, {}, TODAY)).toThrow(
      'nodeInstanceType = "t3.large" (from cdktf.json context): names no setting (did you mean nodeInstanceTypes?); ' +
        "allowed: the settings of the README's configuration table",
    );
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
