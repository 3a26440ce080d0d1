import type { Reason } from "../../../config/problems";
import { expectEdge, refused, refusalsFrom, settingsFrom, TODAY, meaningOf, refusal, refusalsOf } from "../../helpers/settings";
import { loadSettings } from "../../../config/load-settings";

describe("state settings", () => {
  const letters = "may hold only lowercase letters, digits, dots and hyphens";
  const buckets: Array<[string, Reason, string]> = [
    ["ab", "range", "has 2 characters"],
    ["a".repeat(64), "range", "has 64 characters"],
    ["TF-State", "format", letters],
    ["tf_state", "format", letters],
    ["-tf-state", "format", letters],
    ["tf..state", "format", "two adjacent dots"],
    ["192.168.5.4", "format", "an IP address"],
    ["10.200.30.44", "format", "an IP address"],
    ["xn--state", "reserved", "starts with xn--"],
    ["sthree-state", "reserved", "starts with sthree-"],
    ["amzn-s3-demo-state", "reserved", "starts with amzn-s3-demo-"],
    ["state-s3alias", "reserved", "ends with -s3alias"],
    ["state--ol-s3", "reserved", "ends with --ol-s3"],
    ["state.mrap", "reserved", "ends with .mrap"],
    ["state--x-s3", "reserved", "ends with --x-s3"],
    ["state--table-s3", "reserved", "ends with --table-s3"],
  ];

  it.each(buckets)("refuses the bucket name %s", (bucket, reason, salient) => {
    expect(refusalsFrom({ EKS_POC_STATE_BUCKET: bucket })).toEqual([refused("stateBucket", "EKS_POC_STATE_BUCKET", reason, salient)]);
  });

  it("accepts bucket names S3 accepts", () => {
    // Digits and dots around an address that is not the whole name: not formatted as one.
    for (const bucket of ["tf-state", "abc", "my.state.bucket-01", "a".repeat(63), "state.192.168.5.4", "192.168.5.4.state"]) {
      expect(settingsFrom({ EKS_POC_STATE_BUCKET: bucket }).state.bucket).toBe(bucket);
    }
  });

  it("refuses a state region that is no region code, like the cluster's", () => {
    expect(refusalsFrom({ EKS_POC_STATE_BUCKET: "tf-state", EKS_POC_STATE_REGION: "Frankfurt" })).toEqual([
      refused("stateRegion", "EKS_POC_STATE_REGION", "format"),
    ]);
  });
});

describe("stateKeyPrefix", () => {
  const beside = { stateBucket: "tf-state" };
  it("refuses a prefix that makes a key the S3 backend refuses: a / first or last, or //", () => {
    expectEdge("stateKeyPrefix", "teams/eks", "teams//eks", "format", beside);
    expectEdge("stateKeyPrefix", "teams/eks", "/teams/eks", "format", beside);
    expectEdge("stateKeyPrefix", "teams/eks", "teams/eks/", "format", beside);
  });

  it("refuses an empty prefix written in cdktf.json (an empty variable means the default)", () => {
    expect(meaningOf(refusalsOf({ stateBucket: "tf-state", stateKeyPrefix: "" }))).toEqual([
      refusal("stateKeyPrefix", "cdktf.json context", "format"),
    ]);
  });

  it("refuses a state region no partition names, like the cluster's", () => {
    expectEdge("stateRegion", "eusc-de-east-1", "eusc-fr-east-1", "format", beside);
  });
});

describe("state settings without a bucket", () => {
  const cases: Array<[string, Record<string, string>, ReturnType<typeof refusal>]> = [
    [
      "a state key prefix without a bucket",
      { EKS_POC_STATE_KEY_PREFIX: "team/poc" },
      refusal("stateKeyPrefix", "EKS_POC_STATE_KEY_PREFIX", "no-effect"),
    ],
    ["a state region without a bucket", { EKS_POC_STATE_REGION: "eu-west-1" }, refusal("stateRegion", "EKS_POC_STATE_REGION", "no-effect")],
  ];

  it.each(cases)("refuses %s", (_, env, meaning) => {
    expect(meaningOf(refusalsFrom(env))).toEqual([meaning]);
  });

  it("accepts them with a bucket, and an empty state region, which asks for the cluster's", () => {
    expect(() =>
      settingsFrom({ EKS_POC_STATE_BUCKET: "tf-state", EKS_POC_STATE_KEY_PREFIX: "team/poc", EKS_POC_STATE_REGION: "eu-west-1" }),
    ).not.toThrow();
    expect(() => loadSettings({ stateRegion: "" }, {}, TODAY)).not.toThrow();
    expect(() => loadSettings({ stateRegion: " " }, {}, TODAY)).not.toThrow();
  });

  // Written is chosen, whatever the value: cdktf.json no longer ships the defaults, so nothing there is a copy of one.
  it("refuses one written with the default's value", () => {
    expect(meaningOf(refusalsOf({ stateKeyPrefix: "eks-haproxy-poc" }))).toEqual([
      refusal("stateKeyPrefix", "cdktf.json context", "no-effect"),
    ]);
  });
});
