import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { ClusterAddonsProps } from "../../constructs/cluster-addons";
import { ClusterAddons } from "../../constructs/cluster-addons";
import { byId, synthScope } from "../helpers/synth-scope";

function stackWith(beforeNodes: string[]): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new ClusterAddons(stack, "addons", {
    clusterName: "demo",
    kubernetesVersion: "1.35",
    beforeNodes,
    podIdentities: { "vpc-cni": { serviceAccount: "aws-node", roleArn: "arn:aws:iam::123456789012:role/cni" } },
  });
  return stack;
}

/** The add-ons by name, after addAfterNodes with one node group stand-in (an IAM role: any resource will do). */
function synthAddons(props: Partial<ClusterAddonsProps> = {}) {
  const synthesized = synthScope((scope) => {
    const addons = new ClusterAddons(scope, "addons", { clusterName: "demo", kubernetesVersion: "1.35", ...props });
    addons.addAfterNodes([new IamRole(scope, "nodes", { assumeRolePolicy: "{}" })]);
  });
  const [[nodesId]] = byId(synthesized.tf, "aws_iam_role");
  const byName = Object.fromEntries(byId(synthesized.tf, "aws_eks_addon").map(([id, addon]) => [addon.addon_name, { id, ...addon }]));
  return { ...synthesized, byName, nodes: `aws_iam_role.${nodesId}` };
}

describe("ClusterAddons with its required props", () => {
  it("installs the networking add-ons and the Pod Identity agent before the nodes, coredns after them", () => {
    const { byName, nodes } = synthAddons();
    expect(Object.keys(byName).sort()).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    for (const name of ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"]) expect(byName[name].depends_on ?? []).toEqual([]);
    expect(byName.coredns.depends_on).toEqual([nodes]);
    for (const addon of Object.values<any>(byName)) {
      expect(addon).toMatchObject({
        cluster_name: "demo",
        resolve_conflicts_on_create: "OVERWRITE",
        resolve_conflicts_on_update: "OVERWRITE",
      });
      expect(addon.pod_identity_association).toBeUndefined();
    }
  });
});

describe("ClusterAddons' versions", () => {
  it("installs each add-on at its newest version for the cluster's Kubernetes version", () => {
    const { byName, tf } = synthAddons({ kubernetesVersion: "1.36" });
    const versions = Object.fromEntries(byId(tf, "aws_eks_addon_version", true));
    for (const [name, addon] of Object.entries<any>(byName)) {
      const [, id] = /^\$\{data\.aws_eks_addon_version\.([^.]+)\.version\}$/.exec(addon.addon_version) ?? [];
      expect(versions[id]).toEqual({ addon_name: name, kubernetes_version: "1.36", most_recent: true });
    }
    expect(Object.keys(versions)).toHaveLength(4);
  });
});

describe("ClusterAddons with every prop set", () => {
  it("installs the listed add-ons, configured and with Pod Identity roles as given", () => {
    const { byName, nodes } = synthAddons({
      beforeNodes: ["vpc-cni", "eks-pod-identity-agent"],
      afterNodes: ["coredns", "metrics-server"],
      podIdentities: { "vpc-cni": { serviceAccount: "aws-node", roleArn: "arn:aws:iam::123456789012:role/cni" } },
      configurationValues: { coredns: { replicaCount: 3 } },
    });
    expect(Object.keys(byName).sort()).toEqual(["coredns", "eks-pod-identity-agent", "metrics-server", "vpc-cni"]);
    expect(byName["vpc-cni"].depends_on ?? []).toEqual([]);
    expect(byName["vpc-cni"].pod_identity_association).toEqual([
      { service_account: "aws-node", role_arn: "arn:aws:iam::123456789012:role/cni" },
    ]);
    expect(byName["vpc-cni"].configuration_values).toBeUndefined();
    expect(JSON.parse(byName.coredns.configuration_values)).toEqual({ replicaCount: 3 });
    expect(byName["metrics-server"].depends_on).toEqual([nodes]);
  });
});

describe("ClusterAddons with a Pod Identity role", () => {
  it("creates the add-on beside the agent, not after it, waiting only for its role's policies", () => {
    const { byName } = synthAddons({
      podIdentities: {
        "vpc-cni": { serviceAccount: "aws-node", roleArn: "arn:aws:iam::123456789012:role/cni" },
      },
    });
    expect(byName["eks-pod-identity-agent"].depends_on ?? []).toEqual([]);
    expect(byName["vpc-cni"].depends_on ?? []).toEqual([]);
    expect(byName["vpc-cni"].pod_identity_association).toEqual([
      { service_account: "aws-node", role_arn: "arn:aws:iam::123456789012:role/cni" },
    ]);
    const tf = JSON.parse(Testing.synth(stackWith(["vpc-cni", "kube-proxy", "eks-pod-identity-agent"])));
    const addons: any[] = Object.values(tf.resource.aws_eks_addon);
    expect(addons.map((a) => a.depends_on ?? [])).toEqual([[], [], []]);
  });

  it("makes the add-on wait for what its role needs, and an add-on after the nodes for the nodes as well", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const policy = new IamRole(stack, "policy", { assumeRolePolicy: "{}" });
    const addons = new ClusterAddons(stack, "addons", {
      clusterName: "demo",
      kubernetesVersion: "1.35",
      podIdentities: {
        "vpc-cni": { serviceAccount: "aws-node", roleArn: "arn:aws:iam::123456789012:role/cni", dependsOn: [policy] },
        coredns: { serviceAccount: "coredns", roleArn: "arn:aws:iam::123456789012:role/dns", dependsOn: [policy] },
      },
    });
    addons.addAfterNodes([new IamRole(stack, "nodes", { assumeRolePolicy: "{}" })]);
    const all: any[] = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_eks_addon);
    const dependencies = (name: string) => all.find((a) => a.addon_name === name).depends_on;
    expect(dependencies("vpc-cni")).toEqual([expect.stringMatching(/^aws_iam_role\.policy$/)]);
    expect(dependencies("coredns")).toEqual([
      expect.stringMatching(/^aws_iam_role\.nodes$/),
      expect.stringMatching(/^aws_iam_role\.policy$/),
    ]);
  });

  it("refuses a Pod Identity role when the agent is not installed before the nodes", () => {
    expect(() => stackWith(["vpc-cni", "kube-proxy"])).toThrow(
      "add-on vpc-cni has a Pod Identity role but eks-pod-identity-agent is not installed before the nodes",
    );
  });
});

describe("ClusterAddons' conflicts", () => {
  it("let EKS overwrite fields changed outside Terraform, on create and on update", () => {
    const tf = JSON.parse(Testing.synth(stackWith(["vpc-cni", "kube-proxy", "eks-pod-identity-agent"])));
    for (const addon of Object.values<any>(tf.resource.aws_eks_addon)) {
      expect(addon).toMatchObject({ resolve_conflicts_on_create: "OVERWRITE", resolve_conflicts_on_update: "OVERWRITE" });
    }
  });
});

describe("ClusterAddons' configuration values", () => {
  function addons(props: { configurationValues?: Record<string, Record<string, unknown>> } = {}): any[] {
    const stack = new TerraformStack(Testing.app(), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new ClusterAddons(stack, "addons", { clusterName: "demo", kubernetesVersion: "1.35", ...props });
    return Object.values(JSON.parse(Testing.synth(stack)).resource.aws_eks_addon);
  }

  it("turns the VPC CNI's network-policy agent on by default, and configures no other add-on", () => {
    const all = addons();
    expect(JSON.parse(all.find((a) => a.addon_name === "vpc-cni").configuration_values)).toEqual({ enableNetworkPolicy: "true" });
    expect(all.filter((a) => a.configuration_values !== undefined).map((a) => a.addon_name)).toEqual(["vpc-cni"]);
  });

  it("takes other values instead", () => {
    const all = addons({ configurationValues: { "kube-proxy": { mode: "ipvs" } } });
    expect(all.find((a) => a.addon_name === "vpc-cni").configuration_values).toBeUndefined();
    expect(JSON.parse(all.find((a) => a.addon_name === "kube-proxy").configuration_values)).toEqual({ mode: "ipvs" });
  });
});
