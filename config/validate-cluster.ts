import { SettingName } from "./defaults";
import { CLUSTER_NAME_PATTERN, OVERLAY_NAME_PATTERN } from "./constants";
import { EKS_AMI_TYPES, isEksAmiType } from "./ami-types";
import { checkEndpointCidrs } from "./validate-endpoint-cidrs";
import { Problems } from "./parse-values";
import { RawSetting } from "./sources";
import { Settings } from "./settings";

/** The settings this module checks, as parsed (before the network plan is added). */
export type ClusterInput = Pick<Settings,
  "clusterName" | "region" | "nodeInstanceTypes" | "nodeAmiType" | "nodeDesiredSize" | "nodeMinSize"
  | "nodeMaxSize" | "nodeDiskSizeGib" | "imdsHopLimit" | "endpointPublicAccessCidrs" | "adminPrincipalArns" | "logRetentionDays" | "overlay">;

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const IAM_PRINCIPAL_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/;
/** Values CloudWatch Logs accepts for retention_in_days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Checks the settings of the control plane and the node groups. */
export function validateCluster(input: ClusterInput, get: (name: SettingName) => RawSetting, problems: Problems): void {
  if (!CLUSTER_NAME_PATTERN.test(input.clusterName)) {
    problems.add(get("clusterName"), "allowed: 1 to 100 characters, a letter or digit first, then letters, digits, - and _");
  }
  if (!REGION_PATTERN.test(input.region)) {
    problems.add(get("region"), "allowed: an AWS region code such as us-east-1");
  }
  if (input.nodeInstanceTypes.length === 0) {
    problems.add(get("nodeInstanceTypes"), "is empty; allowed: one or more EC2 instance types such as t3.medium");
  }
  const badTypes = input.nodeInstanceTypes.filter((type) => !INSTANCE_TYPE_PATTERN.test(type));
  if (badTypes.length > 0) {
    problems.add(get("nodeInstanceTypes"), `${badTypes.join(", ")} is not an EC2 instance type such as t3.medium`);
  }
  if (!isEksAmiType(input.nodeAmiType)) {
    problems.add(get("nodeAmiType"), `allowed: ${Object.keys(EKS_AMI_TYPES).join(", ")} (the AMI types whose volumes the launch template maps)`);
  }
  checkNodeSizes(input, get, problems);
  if (Number.isInteger(input.nodeDiskSizeGib) && (input.nodeDiskSizeGib < 20 || input.nodeDiskSizeGib > 16384)) {
    problems.add(get("nodeDiskSizeGib"), "allowed: 20 to 16384 GiB");
  }
  if (Number.isInteger(input.imdsHopLimit) && (input.imdsHopLimit < 1 || input.imdsHopLimit > 64)) {
    problems.add(get("imdsHopLimit"), "allowed: 1 to 64 (2 lets pods reach the metadata service, 1 blocks them)");
  }
  checkEndpointCidrs(input.endpointPublicAccessCidrs, get, problems);
  const badArns = input.adminPrincipalArns.filter((arn) => !IAM_PRINCIPAL_PATTERN.test(arn));
  if (badArns.length > 0) {
    problems.add(get("adminPrincipalArns"), `${badArns.join(", ")}: allowed: IAM role or user ARNs such as arn:aws:iam::123456789012:role/Admin`);
  }
  if (Number.isInteger(input.logRetentionDays) && !LOG_RETENTION_DAYS.includes(input.logRetentionDays)) {
    problems.add(get("logRetentionDays"), `allowed: ${LOG_RETENTION_DAYS.join(", ")}`);
  }
  if (!OVERLAY_NAME_PATTERN.test(input.overlay)) {
    problems.add(get("overlay"), "allowed: the name of a folder in kustomize/overlays, such as poc");
  }
}

function checkNodeSizes(input: ClusterInput, get: (name: SettingName) => RawSetting, problems: Problems): void {
  const { nodeMinSize: min, nodeDesiredSize: desired, nodeMaxSize: max } = input;
  if ([min, desired, max].some((n) => Number.isNaN(n))) return;
  // One node group per AZ: a group allowed to shrink to 0 nodes (and nodeDesiredSize, at least nodeMinSize, with it) leaves its AZ without a HAProxy.
  if (min < 1) problems.add(get("nodeMinSize"), "allowed: 1 or more (a node group that can shrink to 0 nodes leaves its AZ without a HAProxy)");
  else if (desired < 1) problems.add(get("nodeDesiredSize"), "allowed: 1 or more (a node group of 0 nodes leaves its AZ without a HAProxy)");
  if (max < 1) problems.add(get("nodeMaxSize"), "allowed: 1 or more");
  if (min > desired && desired >= 1) {
    problems.add(get("nodeMinSize"), `is above nodeDesiredSize (${desired}); allowed: nodeMinSize <= nodeDesiredSize <= nodeMaxSize`);
  }
  if (desired > max) {
    problems.add(get("nodeDesiredSize"), `is above nodeMaxSize (${max}); allowed: nodeMinSize <= nodeDesiredSize <= nodeMaxSize`);
  }
}
