import { loadSettings } from "../../../config/load-settings";
import type { Reason } from "../../../config/problems";
import { TODAY, expectEdge, meaningOf, refusal, refused, refusalsFrom, settingsFrom } from "../../helpers/settings";

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

  const cases: Array<[string, string, Reason, string]> = [
    ["an unknown type", "audit,kubelet", "choice", "kubelet is"],
    ["a type in the wrong case", "controllermanager", "choice", "controllermanager is"],
    ["unknown types, each named", "kubelet,audit,etcd", "choice", "kubelet, etcd are"],
    ["a type twice", "audit,api,audit", "repeated", "audit is"],
    ["types twice, each named once", "api,audit,api,audit,api", "repeated", "api, audit are"],
  ];
  it.each(cases)("refuses %s", (_, value, reason, salient) => {
    expect(refusalsFrom({ EKS_POC_CONTROL_PLANE_LOG_TYPES: value })).toEqual([
      refused("controlPlaneLogTypes", "EKS_POC_CONTROL_PLANE_LOG_TYPES", reason, salient),
    ]);
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
    expect(refusalsFrom({ EKS_POC_FLOW_LOG_DESTINATION: value })).toEqual([
      refused("flowLogDestination", "EKS_POC_FLOW_LOG_DESTINATION", "format"),
    ]);
  });

  it("refuses a retention CloudWatch Logs does not offer", () => {
    expect(refusalsFrom({ EKS_POC_FLOW_LOG_RETENTION_DAYS: "10" })).toEqual([
      refused("flowLogRetentionDays", "EKS_POC_FLOW_LOG_RETENTION_DAYS", "choice", "7, 14,"),
    ]);
    expect(meaningOf(refusalsFrom({ EKS_POC_FLOW_LOG_RETENTION_DAYS: "a week" }))).toEqual([
      refusal("flowLogRetentionDays", "EKS_POC_FLOW_LOG_RETENTION_DAYS", "type"),
    ]);
  });

  it("refuses a retention it could not apply", () => {
    expect(refusalsFrom({ EKS_POC_FLOW_LOG_DESTINATION: "arn:aws:s3:::central-logs", EKS_POC_FLOW_LOG_RETENTION_DAYS: "30" })).toEqual([
      refused("flowLogRetentionDays", "EKS_POC_FLOW_LOG_RETENTION_DAYS", "no-effect", "not arn:aws:s3:::central-logs"),
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
