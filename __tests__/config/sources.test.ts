import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../../config/load-settings";
import { readBelowVariable, readRawSettings } from "../../config/sources";
import { TODAY, expectEdge, problemsOf } from "../helpers/settings";

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
      const [line] = problemsOf(
        { endpointPublicAccessCidrs: ["8.8.8.8/32"], loadBalancerSourceRanges: ["8.8.8.8/32"] },
        { [variable]: "" },
      );
      expect(line).toMatch(new RegExp(`^\\w+ = "" \\(from ${variable}\\): is empty; allowed: one or more`));
      expect(problemsOf({}, { [variable]: "8.8.8.8/32" })).toEqual([]);
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
    expect(warnings({ region: "us-east-1" }, { AWS_DEFAULT_REGION: "eu-west-1" })).toEqual([
      'region = "eu-west-1" (from AWS_DEFAULT_REGION): overrides region "us-east-1" (from cdktf.json context); ' +
        "set EKS_POC_REGION to choose the region whatever AWS_DEFAULT_REGION says",
    ]);
  });

  it("is judged and named as any source of the region", () => {
    expectEdge("region", "il-central-1", "il-central", "allowed: a region code of an AWS partition");
    expect(problemsOf({}, { AWS_DEFAULT_REGION: "il-central" })[0]).toMatch(
      /^region = "il-central" \(from AWS_DEFAULT_REGION\): allowed: /,
    );
  });
});

describe("the AWS profile's region", () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "eks-poc-profile-"));
    writeFileSync(join(home, "config"), "[default]\nregion = eu-west-1\n\n[profile dev]\noutput = json\nregion=ap-south-1\n");
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

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
    expect(warnings({ region: "us-east-1" }, { AWS_REGION: "eu-west-1" })).toEqual([
      'region = "eu-west-1" (from AWS_REGION): overrides region "us-east-1" (from cdktf.json context); ' +
        "set EKS_POC_REGION to choose the region whatever AWS_REGION says",
    ]);
  });

  it("says nothing when it agrees, or when EKS_POC_REGION decides", () => {
    expect(warnings({ region: "eu-west-1" }, { AWS_REGION: "eu-west-1" })).toEqual([]);
    expect(warnings({ region: "us-east-1" }, { EKS_POC_REGION: "eu-west-1" })).toEqual([]);
    expect(warnings({ region: "us-east-1" }, { AWS_REGION: "eu-west-1", EKS_POC_REGION: "us-east-1" })).toEqual([]);
  });

  it("is named as the source of a bad region", () => {
    expect(() => loadSettings({}, { AWS_REGION: "mars-1" }, TODAY)).toThrow(
      'region = "mars-1" (from AWS_REGION): allowed: a region code of an AWS partition',
    );
  });
});

describe("a setting of the wrong type", () => {
  it("gets one line, not a second one judging a stand-in value", () => {
    expect(() => loadSettings({ kubernetesVersion: 1.35 }, {}, TODAY)).toThrow(
      'invalid configuration:\n  - kubernetesVersion = 1.35 (from cdktf.json context): must be a string, in quotes: "1.35"',
    );
    try {
      loadSettings({ kubernetesVersion: 1.35, clusterName: 7 }, {}, TODAY);
    } catch (error) {
      expect((error as { problems: string[] }).problems).toEqual([
        'clusterName = 7 (from cdktf.json context): must be a string, in quotes: "7"',
        'kubernetesVersion = 1.35 (from cdktf.json context): must be a string, in quotes: "1.35"',
      ]);
    }
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
