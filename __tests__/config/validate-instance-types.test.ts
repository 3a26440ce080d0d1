import { amiArchitecture, instanceArchitecture, maxPods } from "../../config/instance-types";
import { problemsFrom, settingsFrom } from "../helpers/settings";

describe("instance type architecture, from EC2's naming convention", () => {
  const cases: Array<[string, string | undefined]> = [
    ["t3.medium", "x86_64"],
    ["t3a.medium", "x86_64"],
    ["m7i-flex.large", "x86_64"],
    ["c6in.large", "x86_64"],
    ["g4dn.xlarge", "x86_64"],
    ["t4g.medium", "arm64"],
    ["m7g.large", "arm64"],
    ["c7gn.large", "arm64"],
    ["m6gd.large", "arm64"],
    ["im4gn.large", "arm64"],
    ["g5g.xlarge", "arm64"],
    ["a1.large", "arm64"],
    ["u-6tb1.metal", undefined],
  ];

  it.each(cases)("%s is %s", (type, architecture) => {
    expect(instanceArchitecture(type)).toBe(architecture);
  });

  it("reads the AMI type's architecture from its name", () => {
    expect(amiArchitecture("AL2023_ARM_64_STANDARD")).toBe("arm64");
    expect(amiArchitecture("BOTTLEROCKET_x86_64")).toBe("x86_64");
  });
});

describe("instance types the AMI type cannot boot", () => {
  it("refuses Graviton types with an x86_64 AMI type", () => {
    expect(problemsFrom({ EKS_POC_NODE_INSTANCE_TYPES: "t3.medium,t4g.medium,m7g.large" })).toEqual([
      'nodeInstanceTypes = "t3.medium,t4g.medium,m7g.large" (from EKS_POC_NODE_INSTANCE_TYPES): t4g.medium, m7g.large are arm64 ' +
        "(a g after the generation, as in m7g, is Graviton), but nodeAmiType AL2023_x86_64_STANDARD (from default) boots x86_64 only; " +
        "allowed: x86_64 instance types, or an arm64 AMI type (AL2023_ARM_64_STANDARD, BOTTLEROCKET_ARM_64)",
    ]);
  });

  it("refuses x86_64 types with an ARM_64 AMI type, naming where the AMI type came from", () => {
    expect(problemsFrom({ EKS_POC_NODE_AMI_TYPE: "BOTTLEROCKET_ARM_64" })).toEqual([
      'nodeInstanceTypes = ["t3.medium"] (from default): t3.medium is x86_64 (no g after the generation: AMD or Intel), ' +
        "but nodeAmiType BOTTLEROCKET_ARM_64 (from EKS_POC_NODE_AMI_TYPE) boots arm64 only; " +
        "allowed: arm64 instance types, or an x86_64 AMI type (AL2023_x86_64_STANDARD, AL2023_x86_64_NVIDIA, AL2023_x86_64_NEURON, BOTTLEROCKET_x86_64)",
    ]);
  });

  it("accepts matching pairs", () => {
    expect(
      settingsFrom({ EKS_POC_NODE_INSTANCE_TYPES: "t4g.medium,m7g.large", EKS_POC_NODE_AMI_TYPE: "AL2023_ARM_64_STANDARD" })
        .nodeInstanceTypes,
    ).toEqual(["t4g.medium", "m7g.large"]);
  });
});

describe("pods per node, VPC CNI formula", () => {
  it("gives the figures of amazon-vpc-cni-k8s misc/eni-max-pods.txt", () => {
    expect([
      maxPods("t3.nano"),
      maxPods("t3.small"),
      maxPods("t3.medium"),
      maxPods("t3a.small"),
      maxPods("m5.large"),
      maxPods("m7g.medium"),
    ]).toEqual([4, 11, 17, 8, 29, 8]);
    expect(maxPods("x9z.large")).toBeUndefined();
  });
});

describe("an AMI type it does not know", () => {
  it("is refused once, and no instance type is judged against it", () => {
    expect(problemsFrom({ EKS_POC_NODE_AMI_TYPE: "BOGUS", EKS_POC_NODE_INSTANCE_TYPES: "m7g.medium" })).toEqual([
      expect.stringMatching(/^nodeAmiType = "BOGUS" \(from EKS_POC_NODE_AMI_TYPE\): allowed: /),
    ]);
  });
});
