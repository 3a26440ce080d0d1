import { expectEdge, problemsFrom, settingsFrom, TODAY, meaningOf, refusal, refusalsOf } from "../../helpers/settings";
import { loadSettings } from "../../../config/load-settings";

const ALLOWED = "allowed: an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens), or empty for local state";

describe("state settings", () => {
  const buckets: Array<[string, string]> = [
    ["ab", "has 2 characters"],
    ["a".repeat(64), "has 64 characters"],
    ["TF-State", "may hold only lowercase letters, digits, dots and hyphens, with a letter or digit at each end"],
    ["tf_state", "may hold only lowercase letters, digits, dots and hyphens, with a letter or digit at each end"],
    ["-tf-state", "may hold only lowercase letters, digits, dots and hyphens, with a letter or digit at each end"],
    ["tf..state", "has two adjacent dots"],
    ["192.168.5.4", "is formatted as an IP address"],
    ["10.200.30.44", "is formatted as an IP address"],
    ["xn--state", "starts with xn--, which S3 reserves"],
    ["sthree-state", "starts with sthree-, which S3 reserves"],
    ["amzn-s3-demo-state", "starts with amzn-s3-demo-, which S3 reserves"],
    ["state-s3alias", "ends with -s3alias, which S3 reserves"],
    ["state--ol-s3", "ends with --ol-s3, which S3 reserves"],
    ["state.mrap", "ends with .mrap, which S3 reserves"],
    ["state--x-s3", "ends with --x-s3, which S3 reserves"],
    ["state--table-s3", "ends with --table-s3, which S3 reserves"],
  ];

  it.each(buckets)("refuses the bucket name %s", (bucket, reason) => {
    expect(problemsFrom({ EKS_POC_STATE_BUCKET: bucket })).toEqual([
      `stateBucket = ${JSON.stringify(bucket)} (from EKS_POC_STATE_BUCKET): ${reason}; ${ALLOWED}`,
    ]);
  });

  it("accepts bucket names S3 accepts", () => {
    // Digits and dots around an address that is not the whole name: not formatted as one.
    for (const bucket of ["tf-state", "abc", "my.state.bucket-01", "a".repeat(63), "state.192.168.5.4", "192.168.5.4.state"]) {
      expect(settingsFrom({ EKS_POC_STATE_BUCKET: bucket }).state.bucket).toBe(bucket);
    }
  });

  it("refuses a state region that is no region code, like the cluster's", () => {
    expect(problemsFrom({ EKS_POC_STATE_BUCKET: "tf-state", EKS_POC_STATE_REGION: "Frankfurt" })).toEqual([
      'stateRegion = "Frankfurt" (from EKS_POC_STATE_REGION): allowed: a region code of an AWS partition (aws: us-east-1, aws-cn: cn-north-1, ' +
        "aws-us-gov: us-gov-west-1, aws-iso: us-iso-east-1, aws-iso-b: us-isob-east-1, aws-iso-e: eu-isoe-west-1, aws-iso-f: us-isof-south-1, " +
        "aws-eusc: eusc-de-east-1), or empty for the cluster's region",
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
  const cases: Array<[string, Record<string, string>, string]> = [
    [
      "a state key prefix without a bucket",
      { EKS_POC_STATE_KEY_PREFIX: "team/poc" },
      'stateKeyPrefix = "team/poc" (from EKS_POC_STATE_KEY_PREFIX): has no effect without stateBucket: the state stays in local files; allowed: the default, or set stateBucket',
    ],
    [
      "a state region without a bucket",
      { EKS_POC_STATE_REGION: "eu-west-1" },
      'stateRegion = "eu-west-1" (from EKS_POC_STATE_REGION): has no effect without stateBucket: the state stays in local files; allowed: the default, or set stateBucket',
    ],
  ];

  it.each(cases)("refuses %s", (_, env, message) => {
    expect(problemsFrom(env)).toEqual([message]);
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
    expect(() => loadSettings({ stateKeyPrefix: "eks-haproxy-poc" }, {}, TODAY)).toThrow(
      'stateKeyPrefix = "eks-haproxy-poc" (from cdktf.json context): has no effect without stateBucket',
    );
  });
});
