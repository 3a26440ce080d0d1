import { expectEdge, meaningOf, refusal, refused, refusalsFrom, settingsFrom } from "../../helpers/settings";

// Refusals of validate-cluster.ts that load-settings.test.ts's table does not reach (found by `npm run mutate`:
// no test ran these lines). Each names the setting, the value, its source and what is allowed.
describe("validateCluster refuses", () => {
  it("an instance type that is not one, naming it among good ones", () => {
    expect(refusalsFrom({ EKS_POC_NODE_INSTANCE_TYPES: "t3.medium,medium,t3 large" })).toEqual([
      refused("nodeInstanceTypes", "EKS_POC_NODE_INSTANCE_TYPES", "format", "medium, t3 large is"),
    ]);
  });

  it.each(["19", "16385"])("a root volume of %s GiB", (size) => {
    expect(refusalsFrom({ EKS_POC_NODE_DISK_SIZE_GIB: size })).toEqual([
      refused("nodeDiskSizeGib", "EKS_POC_NODE_DISK_SIZE_GIB", "range", "20 to 16384"),
    ]);
  });

  it("no root volume at either end of the range", () => {
    expect(settingsFrom({ EKS_POC_NODE_DISK_SIZE_GIB: "20" }).nodeDiskSizeGib).toBe(20);
    expect(settingsFrom({ EKS_POC_NODE_DISK_SIZE_GIB: "16384" }).nodeDiskSizeGib).toBe(16384);
  });

  it("an admin principal that is not an IAM role or user ARN, naming each", () => {
    const value = "arn:aws:iam::123456789012:role/Admin,arn:aws:iam::123456789012:group/Ops,alice";
    expect(refusalsFrom({ EKS_POC_ADMIN_PRINCIPAL_ARNS: value })).toEqual([
      refused("adminPrincipalArns", "EKS_POC_ADMIN_PRINCIPAL_ARNS", "format", "arn:aws:iam::123456789012:group/Ops, alice:"),
    ]);
  });

  it("an overlay name that is not a folder name", () => {
    expect(refusalsFrom({ EKS_POC_OVERLAY: "../poc" })).toEqual([refused("overlay", "EKS_POC_OVERLAY", "format")]);
  });

  it("an empty node group once, not also as nodeMinSize above it", () => {
    expect(refusalsFrom({ EKS_POC_NODE_DESIRED_SIZE: "0" })).toEqual([
      refused("nodeDesiredSize", "EKS_POC_NODE_DESIRED_SIZE", "range", "1 or more"),
    ]);
  });

  it("no node size beside one that is not a number: the sizes are judged together or not at all", () => {
    expect(meaningOf(refusalsFrom({ EKS_POC_NODE_MIN_SIZE: "x", EKS_POC_NODE_DESIRED_SIZE: "0" }))).toEqual([
      refusal("nodeMinSize", "EKS_POC_NODE_MIN_SIZE", "type"),
    ]);
  });

  it("node groups with no room for a node", () => {
    expect(refusalsFrom({ EKS_POC_NODE_MIN_SIZE: "0", EKS_POC_NODE_DESIRED_SIZE: "0", EKS_POC_NODE_MAX_SIZE: "0" })).toEqual([
      refused("nodeMinSize", "EKS_POC_NODE_MIN_SIZE", "range", "1 or more"),
      refused("nodeMaxSize", "EKS_POC_NODE_MAX_SIZE", "range", "1 or more"),
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
