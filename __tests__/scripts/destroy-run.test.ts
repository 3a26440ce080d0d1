import { STACK_NAMES } from "../../stacks/stack-names";
import { PollTimeout } from "../../lib/poll";
import { planDestroy } from "../../scripts/lib/destroy-plan";
import { runDestroy } from "../../scripts/lib/destroy-run";
import type { TerraformState } from "../../scripts/lib/stack-state";
import { FakeLoadBalancerAccount } from "../helpers/fake-load-balancer-account";

const resource = (type: string, instances = 1) => ({ mode: "managed", type, name: type, instances: Array(instances).fill({}) });
const DEPLOYED_CLUSTER: TerraformState = {
  resources: [resource("aws_vpc"), resource("aws_eks_cluster"), resource("aws_eks_node_group", 3)],
};
const DEPLOYED_WORKLOADS: TerraformState = { resources: [resource("kubectl_manifest", 9)] };
const TARGET = { clusterName: "eks-haproxy-poc", region: "us-east-1" };
/** The Service the workloads stack owns. */
const HAPROXY = "haproxy/haproxy";

interface Outcome {
  readonly lines: string[];
  /** Each cdktf command, with what of the controller's was left in the account when it ran. */
  readonly cdktf: Array<{ args: readonly string[]; left: string[] }>;
}

/** npm run destroy's steps against the fake account; the workloads stack's destroy takes its own Service with it. */
async function destroy(account: FakeLoadBalancerAccount, workloads: TerraformState | undefined, dryRun = false): Promise<Outcome> {
  const outcome: Outcome = { lines: [], cdktf: [] };
  const owned = [...account.loadBalancers.values()].filter((lb) => lb.tags.some((tag) => tag.Value === HAPROXY)).map((lb) => lb.name);
  await runDestroy({
    plan: planDestroy({
      cluster: { name: STACK_NAMES.cluster, state: DEPLOYED_CLUSTER },
      workloads: { name: STACK_NAMES.workloads, state: workloads, where: "terraform.eks-workloads.tfstate" },
    }),
    clusterStack: STACK_NAMES.cluster,
    target: TARGET,
    aws: account.run,
    cdktf: (args) => {
      outcome.cdktf.push({ args, left: account.remaining() });
      if (args[1] === STACK_NAMES.workloads) owned.forEach((name) => account.removeService(name));
    },
    autoApprove: true,
    dryRun,
    sweepTimes: { interfacesTimeoutMs: 2_000, intervalMs: 1 },
    log: (line) => outcome.lines.push(line),
  });
  return outcome;
}

const clusterDestroy = ["destroy", "eks-cluster", "--ignore-missing-stack-dependencies", "--skip-synth", "--auto-approve"];

describe("npm run destroy, before the cluster stack", () => {
  it.each([
    ["is lost", undefined],
    ["is empty", { resources: [] }],
  ])("deletes the NLB of a workloads state that %s, with its target groups, rules and interfaces", async (_, workloads) => {
    const account = new FakeLoadBalancerAccount(TARGET.clusterName);
    const nlb = account.addService(HAPROXY);
    const outcome = await destroy(account, workloads);
    expect(outcome.cdktf).toEqual([{ args: clusterDestroy, left: [] }]);
    expect(outcome.lines).toEqual(
      expect.arrayContaining([
        `cluster eks-haproxy-poc: found load balancer ${nlb} (Service haproxy/haproxy)`,
        "cluster eks-haproxy-poc: found target group k8s-1-80",
        "cluster eks-haproxy-poc: found target group k8s-1-5000",
        "cluster eks-haproxy-poc: found 3 ingress rule(s) the controller added to sg-0c1a55e7",
        "cluster eks-haproxy-poc: deleted 1 load balancer(s) and their listeners",
        "cluster eks-haproxy-poc: deleted 2 target group(s)",
      ]),
    );
  });

  it("deletes a Service's NLB created outside Terraform, after the workloads stack took its own", async () => {
    const account = new FakeLoadBalancerAccount(TARGET.clusterName);
    account.addService(HAPROXY);
    const stray = account.addService("default/made-with-kubectl", { ports: [443] });
    const outcome = await destroy(account, DEPLOYED_WORKLOADS);
    expect(outcome.cdktf.map((step) => step.args)).toEqual([
      ["destroy", "eks-workloads", "--skip-synth", "--auto-approve"],
      clusterDestroy,
    ]);
    expect(outcome.cdktf[0].left).toContain(`load balancer ${stray}`);
    expect(outcome.cdktf[1].left).toEqual([]);
    expect(outcome.lines).toContain(`cluster eks-haproxy-poc: found load balancer ${stray} (Service default/made-with-kubectl)`);
  });

  it("deletes a classic load balancer and the security group the controller made for it, once nothing uses the group", async () => {
    const account = new FakeLoadBalancerAccount(TARGET.clusterName);
    const classic = account.addService("default/plain", { classic: true });
    const outcome = await destroy(account, undefined);
    expect(outcome.cdktf).toEqual([{ args: clusterDestroy, left: [] }]);
    expect(outcome.lines).toContain(`cluster eks-haproxy-poc: found security group sg-elb1 (k8s-elb-${classic})`);
  });

  it("leaves other clusters' load balancers and EKS's own rules alone, and says when it found nothing", async () => {
    const account = new FakeLoadBalancerAccount(TARGET.clusterName);
    const other = account.addService(HAPROXY, { cluster: "another-cluster" });
    const outcome = await destroy(account, undefined);
    expect(outcome.lines).toContain("cluster eks-haproxy-poc: no load balancer, target group or rule of its service controller left");
    expect([...account.loadBalancers.values()].map((lb) => lb.name)).toEqual([other]);
    expect(account.calls.filter((call) => /^(delete|revoke)/.test(call[1]))).toEqual([]);
  });

  it("with --dry-run lists what it would delete and destroy, and changes nothing", async () => {
    const account = new FakeLoadBalancerAccount(TARGET.clusterName);
    const nlb = account.addService(HAPROXY);
    const before = account.remaining();
    const outcome = await destroy(account, undefined, true);
    expect(outcome.cdktf).toEqual([]);
    expect(account.remaining()).toEqual(before);
    expect(account.calls.filter((call) => /^(delete|revoke)/.test(call[1]))).toEqual([]);
    expect(outcome.lines).toEqual([
      "eks-workloads: nothing deployed, skipped",
      `cluster eks-haproxy-poc: would delete load balancer ${nlb} (Service haproxy/haproxy)`,
      "cluster eks-haproxy-poc: would delete target group k8s-1-80",
      "cluster eks-haproxy-poc: would delete target group k8s-1-5000",
      "cluster eks-haproxy-poc: would delete 3 ingress rule(s) the controller added to sg-0c1a55e7",
      "eks-cluster: would be destroyed",
    ]);
  });

  it("stops before the cluster stack, naming the interfaces, when they outlast the wait", async () => {
    const account = new FakeLoadBalancerAccount(TARGET.clusterName);
    account.addService(HAPROXY);
    account.interfaceLinger = Number.POSITIVE_INFINITY;
    const run = destroy(account, undefined);
    await expect(run).rejects.toThrow(PollTimeout);
    await expect(run).rejects.toThrow(/network interfaces to be released: 3 left: eni-1a, eni-1b, eni-1c/);
  });
});
