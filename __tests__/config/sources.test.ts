import { loadSettings } from "../../config/load-settings";
import { readBelowVariable, readRawSettings } from "../../config/sources";
import { TODAY } from "../helpers/settings";

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

describe("AWS_REGION", () => {
  const warnings = (context: Record<string, unknown>, env: Record<string, string>): string[] => {
    const lines: string[] = [];
    loadSettings(context, env, TODAY, (line) => lines.push(line));
    return lines;
  };

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
