import { problemsFrom, settingsFrom } from "../helpers/settings";

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
      'stateRegion = "Frankfurt" (from EKS_POC_STATE_REGION): allowed: an AWS region code such as us-east-1, or empty for the cluster\'s region',
    ]);
  });
});
