import { destroyTasks } from "../../scripts/lib/deploy-path/deploy-model";
import { blockGraph, reaches, type BlockGraph } from "../../scripts/lib/deploy-path/terraform-graph";
import { EXPLICIT_AZS } from "../helpers/settings";
import { synthCluster } from "../helpers/synth";

/** The cluster stack's dependency graph, as Terraform draws it from the synthesized JSON. */
function graphOf(env: Record<string, string>): BlockGraph {
  return blockGraph(synthCluster(env).tf);
}

const addresses = (graph: BlockGraph, type: string) => [...graph.nodes.values()].filter((n) => n.type === type).map((n) => n.address);
const addonAddress = (graph: BlockGraph, name: string) =>
  [...graph.nodes.values()].find((n) => n.type === "aws_eks_addon" && n.body.addon_name === name)!.address;

/** Each node group with the route table association of its subnet and what that table's default route leads to. */
function nodeRoutes(graph: BlockGraph): { group: string; association: string; gateway: string }[] {
  const target = (reference: string) => reference.replace(/^\$\{(.*)\.id\}$/, "$1");
  return addresses(graph, "aws_eks_node_group").map((group) => {
    const subnet = target((graph.nodes.get(group)!.body.subnet_ids as string[])[0]);
    const association = addresses(graph, "aws_route_table_association").find(
      (a) => target(graph.nodes.get(a)!.body.subnet_id as string) === subnet,
    )!;
    const table = target(graph.nodes.get(association)!.body.route_table_id as string);
    const [route] = graph.nodes.get(table)!.body.route as { nat_gateway_id?: string; gateway_id?: string }[];
    return { group, association, gateway: target(route.nat_gateway_id ?? (route.gateway_id as string)) };
  });
}

describe.each([
  ["private mode, a NAT gateway per AZ", { EKS_POC_SUBNET_MODE: "private", ...EXPLICIT_AZS }, "aws_nat_gateway"],
  [
    "private mode, one NAT gateway",
    { EKS_POC_SUBNET_MODE: "private", EKS_POC_SINGLE_NAT_GATEWAY: "true", ...EXPLICIT_AZS },
    "aws_nat_gateway",
  ],
  ["public mode", { ...EXPLICIT_AZS }, "aws_internet_gateway"],
])("ClusterStack's node groups and their way out, %s", (_mode, env, gatewayType) => {
  let graph: BlockGraph;
  beforeEach(() => (graph = graphOf(env)));

  it("create each node group after its subnet's route table association and the gateway its default route leads to", () => {
    const routes = nodeRoutes(graph);
    expect(routes).toHaveLength(3);
    for (const { group, association, gateway } of routes) {
      expect(graph.nodes.get(gateway)!.type).toBe(gatewayType);
      expect(graph.nodes.get(group)!.body.depends_on).toContain(association);
      expect(reaches(graph, group, gateway)).toBe(true);
    }
  });

  it("destroy the route and its gateway only after the node groups that use them", () => {
    const tasks = destroyTasks([{ name: "cluster", json: synthCluster(env).tf, dependencies: [] }], "typical");
    const taskOf = (address: string) => `cluster ${address.replace(/_[0-9A-F]{8}$/, "")}`;
    // Whether the destroy of `address` starts only once the destroy of `before` is done, directly or through others.
    const waitsFor = (address: string, before: string): boolean => {
      const seen = new Set<string>();
      const pending = [taskOf(address)];
      while (pending.length > 0) {
        const next = pending.pop();
        const task = tasks.find((t) => t.id === next)!;
        if (task.after.includes(taskOf(before))) return true;
        task.after.filter((id) => !seen.has(id)).forEach((id) => (seen.add(id), pending.push(id)));
      }
      return false;
    };
    for (const { group, association, gateway } of nodeRoutes(graph)) {
      expect(waitsFor(association, group)).toBe(true);
      expect(waitsFor(gateway, group)).toBe(true);
      expect(waitsFor(group, gateway)).toBe(false);
    }
  });
});

describe("ClusterStack's add-ons and node groups", () => {
  let graph: BlockGraph;
  beforeEach(() => (graph = graphOf({})));
  const beforeNodes = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"];

  it("create the add-ons the nodes need side by side, straight after the cluster: none waits for another", () => {
    for (const name of beforeNodes) {
      const addon = addonAddress(graph, name);
      expect(reaches(graph, addon, addresses(graph, "aws_eks_cluster")[0])).toBe(true);
      for (const other of beforeNodes.filter((o) => o !== name)) expect(reaches(graph, addon, addonAddress(graph, other))).toBe(false);
    }
  });

  it("create every node group after all of those add-ons, and coredns after every node group", () => {
    const groups = addresses(graph, "aws_eks_node_group");
    expect(groups).toHaveLength(3);
    for (const group of groups) {
      for (const name of beforeNodes) expect(reaches(graph, group, addonAddress(graph, name))).toBe(true);
      expect(reaches(graph, addonAddress(graph, "coredns"), group)).toBe(true);
    }
  });
});
