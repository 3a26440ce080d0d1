import { blockGraph, managedNeeds, reaches, type TerraformJson } from "../../../scripts/lib/deploy-path/terraform-graph";

const json: TerraformJson = {
  data: {
    aws_partition: { partition: {} },
    aws_iam_policy_document: { trust: { statement: [{ resources: ["arn:${data.aws_partition.partition.partition}:iam::*"] }] } },
    kubernetes_service_v1: { live: { metadata: { name: "web" }, depends_on: ["kubectl_manifest.service-web"] } },
  },
  resource: {
    aws_iam_role: { "node-role_role_0A1B2C3D": { assume_role_policy: "${data.aws_iam_policy_document.trust.json}" } },
    aws_eks_cluster: { cluster: { name: "demo", role_arn: "${aws_iam_role.node-role_role_0A1B2C3D.arn}" } },
    aws_eks_node_group: {
      nodes: {
        cluster_name: "${aws_eks_cluster.cluster.name}",
        scaling_config: { desired_size: 1 },
        depends_on: ["aws_route_table_association.private", "aws_eks_addon.cni"],
        lifecycle: { postcondition: [{ condition: '${self.status == "ACTIVE"}' }] },
      },
    },
    aws_eks_addon: { cni: { cluster_name: "${aws_eks_cluster.cluster.name}", tags: { Name: "aws_eks_cluster.cluster" } } },
    aws_route_table_association: { private: { route_table_id: "${aws_route_table.private.id}" } },
    aws_route_table: { private: { route: [{ nat_gateway_id: "${aws_nat_gateway.nat.id}" }] } },
    aws_nat_gateway: { nat: { subnet_id: "${aws_subnet.unknown.id}" } },
    kubectl_manifest: { "service-web": { yaml_body: "kind: Service" } },
  },
};

describe("blockGraph", () => {
  const graph = blockGraph(json);

  it("has one node per resource and data block, data sources under their data. address", () => {
    expect([...graph.nodes.keys()].sort()).toEqual(
      [
        "aws_eks_addon.cni",
        "aws_eks_cluster.cluster",
        "aws_eks_node_group.nodes",
        "aws_iam_role.node-role_role_0A1B2C3D",
        "aws_nat_gateway.nat",
        "aws_route_table.private",
        "aws_route_table_association.private",
        "data.aws_iam_policy_document.trust",
        "data.aws_partition.partition",
        "data.kubernetes_service_v1.live",
        "kubectl_manifest.service-web",
      ].sort(),
    );
    expect(graph.nodes.get("data.aws_partition.partition")).toMatchObject({ type: "aws_partition", mode: "data" });
    expect(graph.nodes.get("aws_eks_cluster.cluster")).toMatchObject({ type: "aws_eks_cluster", mode: "managed" });
  });

  it("draws an edge for each depends_on entry and each block an interpolation names, nested or not", () => {
    expect(graph.needs.get("aws_eks_node_group.nodes")).toEqual([
      "aws_route_table_association.private",
      "aws_eks_addon.cni",
      "aws_eks_cluster.cluster",
    ]);
    expect(graph.needs.get("data.aws_iam_policy_document.trust")).toEqual(["data.aws_partition.partition"]);
    expect(graph.needs.get("aws_iam_role.node-role_role_0A1B2C3D")).toEqual(["data.aws_iam_policy_document.trust"]);
    expect(graph.needs.get("data.kubernetes_service_v1.live")).toEqual(["kubectl_manifest.service-web"]);
  });

  it("ignores addresses outside interpolations, unknown blocks and self", () => {
    expect(graph.needs.get("aws_eks_addon.cni")).toEqual(["aws_eks_cluster.cluster"]);
    expect(graph.needs.get("aws_nat_gateway.nat")).toEqual([]);
    expect(graph.needs.get("data.aws_partition.partition")).toEqual([]);
  });
});

describe("managedNeeds and reaches", () => {
  const graph = blockGraph(json);

  it("finds the resources a block needs, looking through data sources", () => {
    expect(managedNeeds(graph, "aws_iam_role.node-role_role_0A1B2C3D")).toEqual([]);
    expect(managedNeeds(graph, "data.kubernetes_service_v1.live")).toEqual(["kubectl_manifest.service-web"]);
    expect(managedNeeds(graph, "aws_eks_node_group.nodes").sort()).toEqual(
      ["aws_eks_addon.cni", "aws_eks_cluster.cluster", "aws_route_table_association.private"].sort(),
    );
  });

  it("follows needs through any number of blocks, one way only", () => {
    expect(reaches(graph, "aws_eks_node_group.nodes", "aws_nat_gateway.nat")).toBe(true);
    expect(reaches(graph, "aws_eks_cluster.cluster", "data.aws_partition.partition")).toBe(true);
    expect(reaches(graph, "aws_nat_gateway.nat", "aws_eks_node_group.nodes")).toBe(false);
    expect(reaches(graph, "aws_eks_addon.cni", "aws_route_table.private")).toBe(false);
  });
});
