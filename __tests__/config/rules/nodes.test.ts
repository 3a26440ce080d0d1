import { ADDON_PODS_PER_NODE, podsPerNode } from "../../../config/rules/nodes";
import type { ConfigError, Problem } from "../../../config/problems";
import { checkNodeCapacity } from "../../../config/load-settings";
import { renderedPoc } from "../../helpers/rendered";
import { resourcesOf, synthCluster } from "../../helpers/synth";
import { amiArchitecture, instanceArchitecture, maxPods } from "../../../config/aws/instance-types";
import { meaningOf, refusal, refused, refusalsFrom, settingsFrom } from "../../helpers/settings";

/** What checkNodeCapacity refuses and warns about for the instance types `env` names and the rendered `objects`. */
const capacity = (env: Record<string, string>, objects = renderedPoc()): { problems: Problem[]; warnings: string[] } => {
  const warnings: string[] = [];
  const types = (env.EKS_POC_NODE_INSTANCE_TYPES ?? "t3.medium").split(",");
  try {
    checkNodeCapacity({ nodeInstanceTypes: types }, objects, {}, env, (line) => warnings.push(line));
  } catch (error) {
    return { problems: [...(error as ConfigError).problems], warnings };
  }
  return { problems: [], warnings };
};

/** The poc overlay with nginx at `replicas` replicas. */
const withNginxReplicas = (replicas: number) =>
  renderedPoc().map((o) => (o.kind === "Deployment" ? { ...o, spec: { ...o.spec, replicas } } : o));

describe("pods a node may run", () => {
  it("counts each DaemonSet once, every replica plus surge of each Deployment, and the add-ons", () => {
    expect(podsPerNode(renderedPoc())).toEqual({
      total: 9,
      parts: [
        "prd-nginx 3",
        "prd-haproxy 1",
        "vpc-cni add-on 1",
        "kube-proxy add-on 1",
        "eks-pod-identity-agent add-on 1",
        "coredns add-on 2",
      ],
    });
  });

  it("counts the add-ons the cluster stack installs", () => {
    const installed = resourcesOf(synthCluster().tf, "aws_eks_addon")
      .map((addon) => addon.addon_name)
      .sort();
    expect(installed).toEqual(Object.keys(ADDON_PODS_PER_NODE).sort());
  });

  it("follows the manifests: more replicas, more pods", () => {
    expect(podsPerNode(withNginxReplicas(6)).total).toBe(13);
  });
});

describe("a Deployment's pods: its replicas plus its rollout surge", () => {
  const pods = (spec?: object): string =>
    podsPerNode([{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec }]).parts[0];

  it.each<[string, object | undefined, string]>([
    ["Kubernetes' default surge, 25% rounded up", { replicas: 10 }, "web 13"],
    ["Kubernetes' default replica count, 1", {}, "web 2"],
    ["a spec left out", undefined, "web 2"],
    ["a surge in percent", { replicas: 4, strategy: { rollingUpdate: { maxSurge: "50%" } } }, "web 6"],
    ["a surge in pods", { replicas: 4, strategy: { rollingUpdate: { maxSurge: 3 } } }, "web 7"],
    ["the default surge of a RollingUpdate strategy without parameters", { replicas: 4, strategy: { type: "RollingUpdate" } }, "web 5"],
    ["no surge for Recreate", { replicas: 4, strategy: { type: "Recreate" } }, "web 4"],
  ])("counts %s", (_, spec, expected) => {
    expect(pods(spec)).toBe(expected);
  });
});

describe("instance types too small for those pods", () => {
  it("refuses a type whose VPC CNI limit is below them, with a larger one of its family", () => {
    const [problem, ...others] = capacity({ EKS_POC_NODE_INSTANCE_TYPES: "t3.medium,t3a.small" }).problems;
    expect(others).toEqual([]);
    expect(problem).toEqual(refused("nodeInstanceTypes", "EKS_POC_NODE_INSTANCE_TYPES", "unavailable", "t3a.small holds at most 8 pods"));
    expect(problem.detail).toContain("a node may run 9 (prd-nginx 3, prd-haproxy 1,");
    expect(problem.detail).toMatch(/allowed: a type that holds 9, such as t3a\.medium$/);
  });

  it("names no larger type when none of the family holds them", () => {
    // 60 replicas of nginx: more pods than t3's largest type (t3.2xlarge, 58) holds.
    const { problems } = capacity({ EKS_POC_NODE_INSTANCE_TYPES: "t3.medium" }, withNginxReplicas(60));
    expect(problems).toEqual([refused("nodeInstanceTypes", "EKS_POC_NODE_INSTANCE_TYPES", "unavailable")]);
    expect(problems[0].detail).toMatch(/; allowed: a type that holds \d+$/);
  });

  it("accepts a type just large enough", () => {
    expect(capacity({ EKS_POC_NODE_INSTANCE_TYPES: "t3.small" })).toEqual({ problems: [], warnings: [] });
    // 4 nginx replicas and a surge of 1: 11 pods, t3.small's limit exactly.
    const objects = withNginxReplicas(4);
    expect(podsPerNode(objects).total).toBe(11);
    expect(() => checkNodeCapacity({ nodeInstanceTypes: ["t3.small"] }, objects, {}, {}, () => {})).not.toThrow();
  });

  it("names the smallest larger type that holds the pods exactly", () => {
    // 10 replicas: 17 pods, t3a.medium's limit exactly (t3a.large holds 35).
    expect(capacity({ EKS_POC_NODE_INSTANCE_TYPES: "t3a.small" }, withNginxReplicas(10)).problems).toEqual([
      refused("nodeInstanceTypes", "EKS_POC_NODE_INSTANCE_TYPES", "unavailable", "allowed: a type that holds 17, such as t3a.medium"),
    ]);
  });

  // The one sentence of this warning (a note: problems.test.ts has another note's).
  it("names every type whose limits it does not know in one warning", () => {
    expect(capacity({ EKS_POC_NODE_INSTANCE_TYPES: "m5dn.large,t3.medium,x9z.large" }).warnings).toEqual([
      'nodeInstanceTypes = "m5dn.large,t3.medium,x9z.large" (from EKS_POC_NODE_INSTANCE_TYPES): m5dn.large, x9z.large not in config/aws/instance-network-limits.ts: whether a node holds the 9 pods it may run is not checked',
    ]);
  });

  it("warns, and accepts, a type whose limits it does not know", () => {
    expect(capacity({ EKS_POC_NODE_INSTANCE_TYPES: "m5dn.large" })).toEqual({
      problems: [],
      // The words of this warning: the test above.
      warnings: [expect.stringContaining("(from EKS_POC_NODE_INSTANCE_TYPES): m5dn.large not in config/aws/instance-network-limits.ts")],
    });
  });
});

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
    expect(refusalsFrom({ EKS_POC_NODE_INSTANCE_TYPES: "t3.medium,t4g.medium,m7g.large" })).toEqual([
      refused("nodeInstanceTypes", "EKS_POC_NODE_INSTANCE_TYPES", "conflict", "t4g.medium, m7g.large are arm64"),
    ]);
  });

  it("refuses x86_64 types with an ARM_64 AMI type, naming where the AMI type came from", () => {
    expect(refusalsFrom({ EKS_POC_NODE_AMI_TYPE: "BOTTLEROCKET_ARM_64" })).toEqual([
      refused("nodeInstanceTypes", "default", "conflict", "nodeAmiType BOTTLEROCKET_ARM_64 (from EKS_POC_NODE_AMI_TYPE)"),
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
    expect(meaningOf(refusalsFrom({ EKS_POC_NODE_AMI_TYPE: "BOGUS", EKS_POC_NODE_INSTANCE_TYPES: "m7g.medium" }))).toEqual([
      refusal("nodeAmiType", "EKS_POC_NODE_AMI_TYPE", "choice"),
    ]);
  });
});
