import { expectEdge, problemsFrom, settingsFrom } from "../../helpers/settings";

// Refusals of validate-cluster.ts that load-settings.test.ts's table does not reach (found by `npm run mutate`:
// no test ran these lines). Each names the setting, the value, its source and what is allowed.
describe("validateCluster refuses", () => {
  it("an instance type that is not one, naming it among good ones", () => {
    expect(problemsFrom({ EKS_POC_NODE_INSTANCE_TYPES: "t3.medium,medium,t3 large" })).toEqual([
      'nodeInstanceTypes = "t3.medium,medium,t3 large" (from EKS_POC_NODE_INSTANCE_TYPES): medium, t3 large is not an EC2 instance type such as t3.medium',
    ]);
  });

  it.each(["19", "16385"])("a root volume of %s GiB", (size) => {
    expect(problemsFrom({ EKS_POC_NODE_DISK_SIZE_GIB: size })).toEqual([
      `nodeDiskSizeGib = "${size}" (from EKS_POC_NODE_DISK_SIZE_GIB): allowed: 20 to 16384 GiB`,
    ]);
  });

  it("no root volume at either end of the range", () => {
    expect(settingsFrom({ EKS_POC_NODE_DISK_SIZE_GIB: "20" }).nodeDiskSizeGib).toBe(20);
    expect(settingsFrom({ EKS_POC_NODE_DISK_SIZE_GIB: "16384" }).nodeDiskSizeGib).toBe(16384);
  });

  it("an admin principal that is not an IAM role or user ARN, naming each", () => {
    const value = "arn:aws:iam::123456789012:role/Admin,arn:aws:iam::123456789012:group/Ops,alice";
    expect(problemsFrom({ EKS_POC_ADMIN_PRINCIPAL_ARNS: value })).toEqual([
      `adminPrincipalArns = "${value}" (from EKS_POC_ADMIN_PRINCIPAL_ARNS): arn:aws:iam::123456789012:group/Ops, alice: ` +
        "allowed: IAM role or user ARNs such as arn:aws:iam::123456789012:role/Admin",
    ]);
  });

  it("an overlay name that is not a folder name", () => {
    expect(problemsFrom({ EKS_POC_OVERLAY: "../poc" })).toEqual([
      'overlay = "../poc" (from EKS_POC_OVERLAY): allowed: the name of a folder in kustomize/overlays, such as poc',
    ]);
  });

  it("an empty node group once, not also as nodeMinSize above it", () => {
    expect(problemsFrom({ EKS_POC_NODE_DESIRED_SIZE: "0" })).toEqual([
      'nodeDesiredSize = "0" (from EKS_POC_NODE_DESIRED_SIZE): allowed: 1 or more (a node group of 0 nodes leaves its AZ without a HAProxy)',
    ]);
  });

  it("no node size beside one that is not a number: the sizes are judged together or not at all", () => {
    expect(problemsFrom({ EKS_POC_NODE_MIN_SIZE: "x", EKS_POC_NODE_DESIRED_SIZE: "0" })).toEqual([
      'nodeMinSize = "x" (from EKS_POC_NODE_MIN_SIZE): must be a whole number',
    ]);
  });

  it("node groups with no room for a node", () => {
    expect(problemsFrom({ EKS_POC_NODE_MIN_SIZE: "0", EKS_POC_NODE_DESIRED_SIZE: "0", EKS_POC_NODE_MAX_SIZE: "0" })).toEqual([
      'nodeMinSize = "0" (from EKS_POC_NODE_MIN_SIZE): allowed: 1 or more (a node group that can shrink to 0 nodes leaves its AZ without a HAProxy)',
      'nodeMaxSize = "0" (from EKS_POC_NODE_MAX_SIZE): allowed: 1 or more',
    ]);
  });
});

describe("what AWS would refuse at deploy, refused at synth (last accepted, first refused)", () => {
  it("a region no partition names; the plan checks that a well-formed one exists", () => {
    expectEdge("region", "mx-central-1", "xx-central-1", "format");
    expectEdge("region", "us-gov-west-1", "us-govcloud-west-1", "format");
  });

  it("more instance types than a managed node group takes", () => {
    const types = (count: number): string[] => Array.from({ length: count }, (_, i) => `m${i + 1}.large`);
    expectEdge("nodeInstanceTypes", types(20), types(21), "range");
  });

  it("a node group larger than EKS's default quota, naming it and that it can be raised", () => {
    const beside = { nodeMinSize: 1, nodeDesiredSize: 1 };
    expectEdge("nodeMaxSize", 450, 451, "range", beside);
  });

  it("a service-linked role as an access entry", () => {
    const role = "arn:aws:iam::123456789012:role/aws-service-roles/ops";
    const linked = "arn:aws:iam::123456789012:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS";
    expectEdge("adminPrincipalArns", [role], [linked], "reserved");
  });

  it("an admin principal of another partition than the region's", () => {
    const china = "arn:aws-cn:iam::123456789012:role/Admin";
    const standard = "arn:aws:iam::123456789012:role/Admin";
    expectEdge("adminPrincipalArns", [china], [standard], "conflict", { region: "cn-north-1" });
  });
});
