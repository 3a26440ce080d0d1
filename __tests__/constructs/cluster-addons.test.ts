import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ClusterAddons } from "../../constructs/cluster-addons";

function stackWith(beforeNodes: string[]): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new ClusterAddons(stack, "addons", {
    clusterName: "demo",
    beforeNodes,
    podIdentities: { "vpc-cni": { serviceAccount: "aws-node", roleArn: "arn:aws:iam::123456789012:role/cni" } },
  });
  return stack;
}

describe("ClusterAddons with a Pod Identity role", () => {
  it("creates the agent before the add-on that uses it, whatever the listed order", () => {
    const tf = JSON.parse(Testing.synth(stackWith(["vpc-cni", "kube-proxy", "eks-pod-identity-agent"])));
    const addons: any[] = Object.values(tf.resource.aws_eks_addon);
    const cni = addons.find((a) => a.addon_name === "vpc-cni");
    expect(cni.depends_on).toEqual([expect.stringMatching(/^aws_eks_addon\.addons_eks-pod-identity-agent_/)]);
    expect(cni.pod_identity_association).toEqual([{ service_account: "aws-node", role_arn: "arn:aws:iam::123456789012:role/cni" }]);
    expect(addons.find((a) => a.addon_name === "kube-proxy").depends_on ?? []).toEqual([]);
  });

  it("makes an add-on after the nodes wait for the agent too, not for the add-on created last", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const addons = new ClusterAddons(stack, "addons", {
      clusterName: "demo",
      podIdentities: { coredns: { serviceAccount: "coredns", roleArn: "arn:aws:iam::123456789012:role/dns" } },
    });
    addons.addAfterNodes([]);
    const all: any[] = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_eks_addon);
    expect(all.find((a) => a.addon_name === "coredns").depends_on).toEqual([expect.stringMatching(/^aws_eks_addon\.addons_eks-pod-identity-agent_/)]);
  });

  it("refuses a Pod Identity role when the agent is not installed before the nodes", () => {
    expect(() => stackWith(["vpc-cni", "kube-proxy"]))
      .toThrow("add-on vpc-cni has a Pod Identity role but eks-pod-identity-agent is not installed before it");
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
    new ClusterAddons(stack, "addons", { clusterName: "demo", ...props });
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
