import { stringify } from "yaml";
import { criticalPath } from "../../../scripts/lib/deploy-path/critical-path";
import {
  DESTROYED,
  WORKING_URL,
  deployTasks,
  destroyTasks,
  timingKey,
  type ModelStack,
} from "../../../scripts/lib/deploy-path/deploy-model";
import { API_CALL, STEPS, TIMINGS } from "../../../scripts/lib/deploy-path/durations";
import { blockGraph } from "../../../scripts/lib/deploy-path/terraform-graph";

const manifest = (object: object, dependsOn?: string[], wait?: boolean) => ({
  yaml_body: stringify(object),
  ...(dependsOn ? { depends_on: dependsOn } : {}),
  ...(wait === undefined ? {} : { wait }),
});

/** A cluster stack (cluster, add-on, node group) and a workloads stack (namespace, DaemonSet, LoadBalancer Service). */
function stacks(serviceAfterDaemonSet: boolean): ModelStack[] {
  const cluster: ModelStack = {
    name: "cluster",
    dependencies: [],
    json: {
      data: { aws_partition: { p: {} } },
      resource: {
        aws_eks_cluster: { c: { name: "demo", role: "${data.aws_partition.p.partition}" } },
        aws_eks_addon: { cni: { cluster_name: "${aws_eks_cluster.c.name}", addon_name: "vpc-cni" } },
        aws_eks_node_group: { ng: { cluster_name: "${aws_eks_cluster.c.name}", depends_on: ["aws_eks_addon.cni"] } },
      },
    },
  };
  const ns = "kubectl_manifest.ns";
  const workloads: ModelStack = {
    name: "workloads",
    dependencies: ["cluster"],
    json: {
      resource: {
        kubectl_manifest: {
          ns: manifest({ kind: "Namespace" }),
          ds: manifest({ kind: "DaemonSet" }, [ns]),
          lb: manifest(
            { kind: "Service", spec: { type: "LoadBalancer" } },
            serviceAfterDaemonSet ? [ns, "kubectl_manifest.ds"] : [ns],
            true,
          ),
        },
      },
    },
  };
  return [cluster, workloads];
}

const t = (key: string, operation: "create" | "destroy") => (TIMINGS[key] ?? API_CALL)[operation].typical;

describe("timingKey", () => {
  it("names coredns, the kinds of kubectl manifests and LoadBalancer Services apart; other blocks by type", () => {
    const graph = blockGraph({
      resource: {
        aws_eks_addon: { dns: { addon_name: "coredns" }, cni: { addon_name: "vpc-cni" } },
        kubectl_manifest: {
          lb: manifest({ kind: "Service", spec: { type: "LoadBalancer" } }),
          headless: manifest({ kind: "Service", spec: { clusterIP: "None" } }),
          ds: manifest({ kind: "DaemonSet" }),
        },
      },
    });
    const key = (address: string) => timingKey(graph.nodes.get(address)!);
    expect(key("aws_eks_addon.dns")).toBe("aws_eks_addon:coredns");
    expect(key("aws_eks_addon.cni")).toBe("aws_eks_addon");
    expect(key("kubectl_manifest.lb")).toBe("kubectl_manifest:Service:LoadBalancer");
    expect(key("kubectl_manifest.headless")).toBe("kubectl_manifest:Service");
    expect(key("kubectl_manifest.ds")).toBe("kubectl_manifest:DaemonSet");
  });
});

describe("deployTasks", () => {
  it("plans each stack after the stacks it depends on and applies each block after what it needs", () => {
    const { total, path } = criticalPath(deployTasks(stacks(true), "typical"));
    expect(path.map((step) => step.id)).toEqual([
      "cluster: terraform init and plan",
      "cluster aws_eks_cluster.c",
      "cluster aws_eks_addon.cni",
      "cluster aws_eks_node_group.ng",
      "cluster: applied",
      "workloads: terraform init and plan",
      "workloads kubectl_manifest.ns",
      "workloads kubectl_manifest.ds",
      "workloads kubectl_manifest.lb",
      "workloads kubectl_manifest.lb: NLB provisioned, nodes registered as targets",
      "workloads kubectl_manifest.lb: targets healthy",
      WORKING_URL,
    ]);
    const expected =
      2 * STEPS.plan.typical +
      t("aws_eks_cluster", "create") +
      t("aws_eks_addon", "create") +
      t("aws_eks_node_group", "create") +
      t("kubectl_manifest:Namespace", "create") +
      t("kubectl_manifest:DaemonSet", "create") +
      t("kubectl_manifest:Service:LoadBalancer", "create") +
      STEPS.loadBalancerRegistration.typical +
      STEPS.healthChecks.typical;
    expect(total).toBe(expected);
  });

  it("reads a data source in the plan unless it needs a resource of its stack", () => {
    const tasks = deployTasks(stacks(true), "typical");
    expect(tasks.find((task) => task.id === "cluster data.aws_partition.p")).toMatchObject({
      seconds: 0,
      after: ["cluster: terraform init and plan"],
    });
  });

  it("overlaps the load balancer's registration with the rollout when the Service does not wait for it", () => {
    const serial = criticalPath(deployTasks(stacks(true), "typical")).total;
    const overlapped = criticalPath(deployTasks(stacks(false), "typical"));
    expect(serial - overlapped.total).toBe(t("kubectl_manifest:DaemonSet", "create"));
    expect(overlapped.path.map((step) => step.id)).not.toContain("workloads kubectl_manifest.ds");
  });

  it("registers the targets only once the nodes exist, and checks them once the workloads roll out, whichever stacks hold them", () => {
    // The Service in a stack of its own beside the node groups' stack, the DaemonSet in a third stack after both.
    const split: ModelStack[] = [
      { name: "control-plane", dependencies: [], json: { resource: { aws_eks_cluster: { c: { name: "demo" } } } } },
      { name: "nodes", dependencies: ["control-plane"], json: { resource: { aws_eks_node_group: { ng: { cluster_name: "demo" } } } } },
      {
        name: "edge",
        dependencies: ["control-plane"],
        json: { resource: { kubectl_manifest: { lb: manifest({ kind: "Service", spec: { type: "LoadBalancer" } }) } } },
      },
      {
        name: "workloads",
        dependencies: ["nodes", "edge"],
        json: { resource: { kubectl_manifest: { ds: manifest({ kind: "DaemonSet" }) } } },
      },
    ];
    const tasks = deployTasks(split, "typical");
    const step = (id: string) => tasks.find((task) => task.id === id);
    expect(step("edge kubectl_manifest.lb: NLB provisioned, nodes registered as targets")?.after).toEqual([
      "edge kubectl_manifest.lb",
      "nodes aws_eks_node_group.ng",
    ]);
    expect(step("edge kubectl_manifest.lb: targets healthy")?.after).toContain("workloads kubectl_manifest.ds");
    const { total, path } = criticalPath(tasks);
    expect(path.map((s) => s.id)).toEqual([
      "control-plane: terraform init and plan",
      "control-plane aws_eks_cluster.c",
      "control-plane: applied",
      "nodes: terraform init and plan",
      "nodes aws_eks_node_group.ng",
      "edge kubectl_manifest.lb: NLB provisioned, nodes registered as targets",
      "edge kubectl_manifest.lb: targets healthy",
      WORKING_URL,
    ]);
    expect(total).toBe(
      2 * STEPS.plan.typical +
        t("aws_eks_cluster", "create") +
        t("aws_eks_node_group", "create") +
        STEPS.loadBalancerRegistration.typical +
        STEPS.healthChecks.typical,
    );
  });

  it("adds up the low and the high figures as well", () => {
    const low = criticalPath(deployTasks(stacks(true), "low")).total;
    const high = criticalPath(deployTasks(stacks(true), "high")).total;
    expect(low).toBeLessThan(criticalPath(deployTasks(stacks(true), "typical")).total);
    expect(high).toBeGreaterThan(criticalPath(deployTasks(stacks(true), "typical")).total);
  });
});

describe("destroyTasks", () => {
  it("destroys the dependent stack first, each resource after those that needed it, then what the command does afterwards", () => {
    const { total, path } = criticalPath(destroyTasks(stacks(true), "typical", { "log watch": 180 }));
    expect(path.map((step) => step.id)).toEqual([
      "workloads: terraform init and plan",
      "workloads kubectl_manifest.lb",
      "workloads kubectl_manifest.ds",
      "workloads kubectl_manifest.ns",
      "workloads: destroyed",
      "cluster: terraform init and plan",
      "cluster aws_eks_node_group.ng",
      "cluster aws_eks_addon.cni",
      "cluster aws_eks_cluster.c",
      "cluster: destroyed",
      "log watch",
      DESTROYED,
    ]);
    expect(total).toBe(
      2 * STEPS.plan.typical +
        t("kubectl_manifest:Service:LoadBalancer", "destroy") +
        t("kubectl_manifest:DaemonSet", "destroy") +
        API_CALL.destroy.typical +
        t("aws_eks_node_group", "destroy") +
        t("aws_eks_addon", "destroy") +
        t("aws_eks_cluster", "destroy") +
        180,
    );
  });

  it("waits for a kubectl manifest's deletion only when its wait is set, as the kubectl provider does", () => {
    const json = {
      resource: {
        kubectl_manifest: {
          waited: manifest({ kind: "Namespace" }, undefined, true),
          unwaited: manifest({ kind: "Namespace" }),
          off: manifest({ kind: "Namespace" }, undefined, false),
        },
      },
    };
    const tasks = destroyTasks([{ name: "w", dependencies: [], json }], "typical");
    const seconds = (id: string) => tasks.find((task) => task.id === `w kubectl_manifest.${id}`)?.seconds;
    expect(seconds("waited")).toBe(t("kubectl_manifest:Namespace", "destroy"));
    expect(seconds("waited")).toBeGreaterThan(API_CALL.destroy.typical);
    expect(seconds("unwaited")).toBe(API_CALL.destroy.typical);
    expect(seconds("off")).toBe(API_CALL.destroy.typical);
  });

  it("leaves data sources out and has nothing after Terraform unless asked", () => {
    const tasks = destroyTasks(stacks(false), "typical");
    expect(tasks.map((task) => task.id)).not.toContain("cluster data.aws_partition.p");
    const { path } = criticalPath(tasks);
    expect(path.at(-2)?.id).toBe("cluster: destroyed");
    // The Service goes beside the DaemonSet, not before it: the longer of the two is on the path.
    expect(path.map((step) => step.id)).toContain("workloads kubectl_manifest.lb");
    expect(path.map((step) => step.id)).not.toContain("workloads kubectl_manifest.ds");
  });
});
