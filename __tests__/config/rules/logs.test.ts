import { loadSettings } from "../../../config/load-settings";
import { TODAY, expectEdge, problemsFrom, settingsFrom } from "../../helpers/settings";

describe("controlPlaneLogTypes", () => {
  it("defaults to all five control-plane log types", () => {
    expect(settingsFrom().controlPlaneLogTypes).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
  });

  it("can be narrowed, down to none", () => {
    expect(settingsFrom({ EKS_POC_CONTROL_PLANE_LOG_TYPES: "audit, authenticator" }).controlPlaneLogTypes).toEqual([
      "audit",
      "authenticator",
    ]);
    expect(loadSettings({ controlPlaneLogTypes: [] }, {}, TODAY).controlPlaneLogTypes).toEqual([]);
  });

  const cases: Array<[string, string, string]> = [
    [
      "an unknown type",
      "audit,kubelet",
      'controlPlaneLogTypes = "audit,kubelet" (from EKS_POC_CONTROL_PLANE_LOG_TYPES): kubelet is not a control-plane log type; allowed: any of api, audit, authenticator, controllerManager, scheduler',
    ],
    [
      "a type in the wrong case",
      "controllermanager",
      'controlPlaneLogTypes = "controllermanager" (from EKS_POC_CONTROL_PLANE_LOG_TYPES): controllermanager is not a control-plane log type; allowed: any of api, audit, authenticator, controllerManager, scheduler',
    ],
    [
      "unknown types, each named",
      "kubelet,audit,etcd",
      'controlPlaneLogTypes = "kubelet,audit,etcd" (from EKS_POC_CONTROL_PLANE_LOG_TYPES): kubelet, etcd are not control-plane log types; allowed: any of api, audit, authenticator, controllerManager, scheduler',
    ],
    [
      "a type twice",
      "audit,api,audit",
      'controlPlaneLogTypes = "audit,api,audit" (from EKS_POC_CONTROL_PLANE_LOG_TYPES): audit is listed twice; allowed: each log type once',
    ],
    [
      "types twice, each named once",
      "api,audit,api,audit,api",
      'controlPlaneLogTypes = "api,audit,api,audit,api" (from EKS_POC_CONTROL_PLANE_LOG_TYPES): api, audit are listed twice; allowed: each log type once',
    ],
  ];
  it.each(cases)("refuses %s", (_, value, message) => {
    expect(problemsFrom({ EKS_POC_CONTROL_PLANE_LOG_TYPES: value })).toEqual([message]);
  });
});

describe("flowLogDestination and flowLogRetentionDays", () => {
  it("default to CloudWatch Logs, kept as long as the control-plane logs", () => {
    const settings = settingsFrom({ EKS_POC_LOG_RETENTION_DAYS: "30" });
    expect(settings.flowLogDestination).toBe("cloudwatch");
    expect(settings.flowLogRetentionDays).toBe(30);
  });

  it("take a retention of their own, an S3 bucket or none", () => {
    expect(settingsFrom({ EKS_POC_FLOW_LOG_RETENTION_DAYS: "90" }).flowLogRetentionDays).toBe(90);
    expect(settingsFrom({ EKS_POC_FLOW_LOG_DESTINATION: "arn:aws:s3:::central-logs/vpc/eks" }).flowLogDestination).toBe(
      "arn:aws:s3:::central-logs/vpc/eks",
    );
    expect(
      settingsFrom({ EKS_POC_REGION: "us-gov-west-1", EKS_POC_FLOW_LOG_DESTINATION: "arn:aws-us-gov:s3:::gov-logs" }).flowLogDestination,
    ).toBe("arn:aws-us-gov:s3:::gov-logs");
    expect(settingsFrom({ EKS_POC_FLOW_LOG_DESTINATION: "none" }).flowLogDestination).toBe("none");
  });

  const destinations: Array<[string, string]> = [
    ["a bucket name without ARN", "central-logs"],
    ["an S3 URL", "s3://central-logs/vpc"],
    ["a log group ARN", "arn:aws:logs:us-east-1:123456789012:log-group:mine"],
    ["an upper-case bucket", "arn:aws:s3:::Central-Logs"],
    ["CloudWatch spelt otherwise", "CloudWatch"],
  ];
  it.each(destinations)("refuses %s as the destination", (_, value) => {
    expect(problemsFrom({ EKS_POC_FLOW_LOG_DESTINATION: value })).toEqual([
      `flowLogDestination = ${JSON.stringify(value)} (from EKS_POC_FLOW_LOG_DESTINATION): allowed: cloudwatch, none, or an S3 bucket ARN such as arn:aws:s3:::my-flow-logs or arn:aws:s3:::my-logs/vpc`,
    ]);
  });

  it("refuses a retention CloudWatch Logs does not offer", () => {
    expect(problemsFrom({ EKS_POC_FLOW_LOG_RETENTION_DAYS: "10" })).toEqual([
      'flowLogRetentionDays = "10" (from EKS_POC_FLOW_LOG_RETENTION_DAYS): allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or empty for logRetentionDays',
    ]);
    expect(problemsFrom({ EKS_POC_FLOW_LOG_RETENTION_DAYS: "a week" })).toEqual([
      'flowLogRetentionDays = "a week" (from EKS_POC_FLOW_LOG_RETENTION_DAYS): must be a whole number',
    ]);
  });

  it("refuses a retention it could not apply", () => {
    expect(problemsFrom({ EKS_POC_FLOW_LOG_DESTINATION: "arn:aws:s3:::central-logs", EKS_POC_FLOW_LOG_RETENTION_DAYS: "30" })).toEqual([
      'flowLogRetentionDays = "30" (from EKS_POC_FLOW_LOG_RETENTION_DAYS): applies to flowLogDestination cloudwatch only, not arn:aws:s3:::central-logs; allowed: empty (an S3 bucket keeps records by its own lifecycle rules)',
    ]);
  });
});

describe("flowLogDestination, what AWS would refuse at deploy (last accepted, first refused)", () => {
  it("a folder named AWSLogs, which flow logs reserve", () => {
    expectEdge("flowLogDestination", "arn:aws:s3:::my-logs/vpc/AWSLog", "arn:aws:s3:::my-logs/vpc/AWSLogs", "reserved");
    expectEdge("flowLogDestination", "arn:aws:s3:::awslogs-bucket/AWSLogs2", "arn:aws:s3:::awslogs-bucket/AWSLogs", "reserved");
  });

  it("a bucket of another partition than the region's", () => {
    expectEdge("flowLogDestination", "arn:aws-us-gov:s3:::my-logs", "arn:aws:s3:::my-logs", "conflict", {
      region: "us-gov-west-1",
    });
  });
});
