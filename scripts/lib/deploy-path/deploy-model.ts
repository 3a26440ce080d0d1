import { parse } from "yaml";
import type { Task } from "./critical-path";
import { API_CALL, STEPS, TIMINGS, type Range, type Timing } from "./durations";
import { blockGraph, managedNeeds, type BlockNode, type TerraformJson } from "./terraform-graph";

/** One synthesized stack, with the stacks it depends on (cdktf.out/manifest.json), given in deploy order. */
export interface ModelStack {
  readonly name: string;
  readonly json: TerraformJson;
  readonly dependencies: readonly string[];
}

/** Which figure of each range to add up. */
export type Estimate = keyof Range;

/** The end of a deploy: a URL that answers through the load balancer. */
export const WORKING_URL = "a working URL";
/** The end of a destroy. */
export const DESTROYED = "everything destroyed";

/** The key of a block's timing: its type, refined where one type covers steps of different lengths. */
export function timingKey(node: BlockNode): string {
  if (node.type === "aws_eks_addon" && node.body.addon_name === "coredns") return "aws_eks_addon:coredns";
  if (node.type !== "kubectl_manifest" || typeof node.body.yaml_body !== "string") return node.type;
  const object = parse(node.body.yaml_body) as { kind?: string; spec?: { type?: string } };
  return object.kind === "Service" && object.spec?.type === "LoadBalancer"
    ? "kubectl_manifest:Service:LoadBalancer"
    : `kubectl_manifest:${object.kind}`;
}

/**
 * A block's create and destroy durations. A kubectl manifest's delete returns once the API server accepted it unless
 * its `wait` is set (then it waits until the object and its finalizers are gone): alekc/terraform-provider-kubectl,
 * `wait` "Default false", and DeleteManifest in kubernetes/manifest_lifecycle.go waits only when it is true.
 */
function timing(node: BlockNode): Timing {
  const known = TIMINGS[timingKey(node)] ?? API_CALL;
  return node.type === "kubectl_manifest" && node.body.wait !== true ? { ...known, destroy: API_CALL.destroy } : known;
}

/** A short label: the address without the hash CDKTF appends to logical IDs. */
function label(stack: string, address: string): string {
  return `${stack} ${address.replace(/_[0-9A-F]{8}$/, "")}`;
}

const planStep = (stack: string) => `${stack}: terraform init and plan`;
const stackDone = (stack: string) => `${stack}: applied`;
const stackGone = (stack: string) => `${stack}: destroyed`;

/**
 * The deploy as Terraform runs it: each stack after the stacks it depends on
 * (cdktf deploy's order), its plan first, each block after the blocks it
 * needs; data sources that need none of the stack's resources are read in the
 * plan. Then, for each LoadBalancer Service, the NLB's provisioning and target
 * registration after the Service and after the node groups of every stack
 * (the slow part is each target's registration, which starts only once its
 * node exists: durations.ts), and its health checks once the workloads of
 * every stack are rolled out too: the URL works when both are done.
 */
export function deployTasks(stacks: readonly ModelStack[], estimate: Estimate): Task[] {
  const tasks: Task[] = [];
  const blocks: { readonly id: string; readonly key: string }[] = [];
  for (const stack of stacks) {
    const graph = blockGraph(stack.json);
    const id = (address: string) => label(stack.name, address);
    tasks.push({ id: planStep(stack.name), seconds: STEPS.plan[estimate], after: stack.dependencies.map(stackDone) });
    for (const node of graph.nodes.values()) {
      const readAtPlan = node.mode === "data" && managedNeeds(graph, node.address).length === 0;
      const seconds = node.mode === "data" ? (readAtPlan ? 0 : API_CALL.create[estimate]) : timing(node).create[estimate];
      tasks.push({ id: id(node.address), seconds, after: [planStep(stack.name), ...(graph.needs.get(node.address) ?? []).map(id)] });
      blocks.push({ id: id(node.address), key: timingKey(node) });
    }
    tasks.push({ id: stackDone(stack.name), seconds: 0, after: [...graph.nodes.keys()].map(id) });
  }
  const serving = loadBalancerSteps(blocks, estimate, tasks);
  tasks.push({ id: WORKING_URL, seconds: 0, after: [...stacks.map((stack) => stackDone(stack.name)), ...serving] });
  return tasks;
}

/**
 * Adds the load balancers' registration and health checks, whichever stacks hold the Services, the node groups and
 * the workloads; returns the steps after which they serve.
 */
function loadBalancerSteps(blocks: readonly { readonly id: string; readonly key: string }[], estimate: Estimate, tasks: Task[]): string[] {
  const ids = (...keys: string[]) => blocks.filter((block) => keys.includes(block.key)).map((block) => block.id);
  const nodeGroups = ids("aws_eks_node_group");
  const workloads = ids("kubectl_manifest:DaemonSet", "kubectl_manifest:Deployment");
  return ids("kubectl_manifest:Service:LoadBalancer").map((service) => {
    const registered = `${service}: NLB provisioned, nodes registered as targets`;
    const healthy = `${service}: targets healthy`;
    tasks.push({ id: registered, seconds: STEPS.loadBalancerRegistration[estimate], after: [service, ...nodeGroups] });
    tasks.push({ id: healthy, seconds: STEPS.healthChecks[estimate], after: [registered, ...workloads] });
    return healthy;
  });
}

/**
 * The destroy as Terraform runs it: stacks in reverse order (a stack after
 * every stack that depends on it), each with a refresh and plan first, each
 * resource destroyed after every resource that needed it (data sources are
 * read, not destroyed). `afterwards` is what the destroy command does once
 * Terraform is done, such as watching for a log group.
 */
export function destroyTasks(stacks: readonly ModelStack[], estimate: Estimate, afterwards: Readonly<Record<string, number>> = {}): Task[] {
  const tasks: Task[] = [];
  for (const stack of stacks) {
    const graph = blockGraph(stack.json);
    const id = (address: string) => label(stack.name, address);
    const dependants = stacks.filter((other) => other.dependencies.includes(stack.name)).map((other) => stackGone(other.name));
    tasks.push({ id: planStep(stack.name), seconds: STEPS.plan[estimate], after: dependants });
    const managed = [...graph.nodes.values()].filter((node) => node.mode === "managed");
    for (const node of managed) {
      const neededBy = managed.filter((other) => managedNeeds(graph, other.address).includes(node.address));
      tasks.push({
        id: id(node.address),
        seconds: timing(node).destroy[estimate],
        after: [planStep(stack.name), ...neededBy.map((other) => id(other.address))],
      });
    }
    tasks.push({ id: stackGone(stack.name), seconds: 0, after: managed.map((node) => id(node.address)) });
  }
  const terraformDone = stacks.map((stack) => stackGone(stack.name));
  const extra = Object.entries(afterwards).map(([step, seconds]) => ({ id: step, seconds, after: terraformDone }));
  return [...tasks, ...extra, { id: DESTROYED, seconds: 0, after: [...terraformDone, ...extra.map((step) => step.id)] }];
}
