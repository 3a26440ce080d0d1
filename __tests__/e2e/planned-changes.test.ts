import { readFileSync } from "node:fs";
import type { LocalCluster } from "../../harness/local-cluster";
import type { Sample } from "../../harness/load";
import { runLoadInChild } from "../../harness/load";
import type { FailureBound } from "../../harness/planned-change-bounds";
import {
  daemonSetRolloutBound,
  describeBound,
  haproxyPodDeletionBound,
  nginxRolloutBound,
  nodeReplacementBound,
} from "../../harness/planned-change-bounds";
import { containerLimits } from "../../harness/cgroup-limits";
import { failedAt, summary, withLocalCluster } from "./helpers";
import { sleep } from "../../lib/poll";

let cluster: LocalCluster;

withLocalCluster((started) => (cluster = started));

/**
 * Runs `change` under load through the load balancer on ports 80 and 5000 (a new connection per request), until
 * 2 s after it ends; prints the failed requests beside the bound the rendered configuration gives. The printed time
 * and failure offsets count from the change's start, once the load runs.
 */
async function underLoad(name: string, bound: FailureBound, change: () => Promise<void>): Promise<Sample[]> {
  const stop = new AbortController();
  const options = { concurrency: 2, durationMs: 240_000, timeoutMs: 3000 };
  const loads = (["http", "metadata"] as const).map((port) =>
    runLoadInChild({ ...options, url: cluster.loadBalancerUrl(port) + "/" }, stop.signal),
  );
  let startedAt = Date.now();
  try {
    // A loaded machine can take seconds to start the load: the change waits for it, or it would go unmeasured.
    await Promise.all(loads.map((load) => load.started));
    startedAt = Date.now();
    await change();
    await sleep(2000);
  } finally {
    stop.abort();
  }
  const samples = (await Promise.all(loads)).flat();
  console.log(
    `${name} (${((Date.now() - startedAt) / 1000).toFixed(1)} s): ${summary(samples)}; ${describeBound(bound)}${failedAt(samples, startedAt)}`,
  );
  return samples;
}

/** The cgroup (v1 controller or v2) path of a process. */
function cgroupFile(pid: number, controller: "memory" | "cpu", v1File: string, v2File: string): string {
  const lines = readFileSync(`/proc/${pid}/cgroup`, "utf8").trim().split("\n");
  const v1 = lines.find((l) => l.split(":")[1].split(",").includes(controller));
  if (cluster.cgroups.version === 1 && v1) return readFileSync(`/sys/fs/cgroup/${controller}${v1.split(":")[2]}/${v1File}`, "utf8").trim();
  const v2 = lines.find((l) => l.startsWith("0::"));
  return readFileSync(`/sys/fs/cgroup${v2?.split(":")[2]}/${v2File}`, "utf8").trim();
}

describe("the pods' resources", () => {
  it("run each container in a cgroup with the rendered CPU and memory limits", () => {
    const { overlay } = cluster.inputs;
    const node = cluster.nodes[0];
    for (const [program, container] of [
      ["haproxy", overlay.haproxyContainer],
      ["app", overlay.app.container],
    ] as const) {
      const limits = containerLimits(container);
      const pid = node.pid(program);
      expect(Number(cgroupFile(pid, "memory", "memory.limit_in_bytes", "memory.max"))).toBe(limits.memoryBytes);
      const cpu =
        cluster.cgroups.version === 1
          ? cgroupFile(pid, "cpu", "cpu.cfs_quota_us", "cpu.max")
          : cgroupFile(pid, "cpu", "", "cpu.max").split(" ")[0];
      expect(Number(cpu)).toBe(((limits.cpuMillis ?? 0) * 100_000) / 1000);
    }
  });
});

describe("planned changes under load lose no request", () => {
  it("a haproxy.cfg change, rolled out to every node by the DaemonSet", async () => {
    const bound = daemonSetRolloutBound(cluster.inputs, cluster.nodes.length);
    const before = cluster.nodes.map((n) => n.pod.address);
    const changed = cluster.nodes[0]
      .haproxyConfig()
      .replace(/^(frontend http\n\s+bind .*\n)/m, "$1    http-response set-header X-Config-Revision rolled\n");
    const samples = await underLoad("haproxy.cfg rolled out by the DaemonSet", bound, () => cluster.rollOutHaproxyConfig(changed));
    expect(cluster.nodes.map((n) => n.haproxyConfig())).toEqual(cluster.nodes.map(() => changed));
    expect(cluster.nodes.map((n) => n.pod.address).filter((a) => before.includes(a))).toEqual([]);
    const answer = await fetch(cluster.loadBalancerUrl("http") + "/", { headers: { connection: "close" } });
    expect(answer.headers.get("x-config-revision")).toBe("rolled");
    expect(samples.filter((s) => !s.ok).length).toBeLessThanOrEqual(bound.bound ?? Infinity);
    expect(samples.filter((s) => !s.ok)).toEqual([]);
  }, 240_000);

  it("an nginx Deployment rollout: new pods at new addresses, found by HAProxy through the DNS", async () => {
    const bound = nginxRolloutBound(cluster.inputs);
    const before = cluster.nginx.map((n) => n.pod.address);
    const samples = await underLoad("nginx rolled out by the Deployment", bound, () => cluster.rollOutNginx());
    const after = cluster.nginx.map((n) => n.pod.address);
    expect(after.filter((a) => before.includes(a))).toEqual([]);
    const page = await (await fetch(cluster.loadBalancerUrl("http") + "/", { headers: { connection: "close" } })).text();
    expect(page).toContain("(revision 2)");
    expect(samples.filter((s) => !s.ok).length).toBeLessThanOrEqual(bound.bound ?? Infinity);
    expect(samples.filter((s) => !s.ok)).toEqual([]);
  }, 240_000);

  it("an HAProxy pod deleted (kubectl delete pod: graceful)", async () => {
    const bound = haproxyPodDeletionBound(cluster.inputs);
    const node = cluster.nodes[1];
    const before = node.pod;
    const samples = await underLoad("HAProxy pod deleted", bound, () => cluster.deleteHaproxyPod(node.index));
    expect(before.exited).toBe(true);
    expect(node.pod.ready).toBe(true);
    expect(samples.filter((s) => !s.ok).length).toBeLessThanOrEqual(bound.bound ?? Infinity);
    expect(samples.filter((s) => !s.ok)).toEqual([]);
  }, 240_000);

  it("a node replaced as a managed node group update does it: join, cordon and deregister, drain, terminate", async () => {
    const bound = nodeReplacementBound(cluster.inputs);
    const old = cluster.nodes[0];
    const steps: string[] = [];
    const began = Date.now();
    const samples = await underLoad("node replaced", bound, async () => {
      const onStep = (step: string) => steps.push(`${step} +${((Date.now() - began) / 1000).toFixed(1)} s`);
      await cluster.replaceNode(old.index, { terminationDelayMs: 5000, onStep });
    });
    console.log(`node replaced, steps: ${steps.join(", ")}`);
    expect(cluster.nodes.map((n) => n.name)).not.toContain(old.name);
    expect(cluster.nginx.map((n) => n.nodeName)).not.toContain(old.name);
    expect(samples.filter((s) => !s.ok).length).toBeLessThanOrEqual(bound.bound ?? Infinity);
    expect(samples.filter((s) => !s.ok)).toEqual([]);
  }, 240_000);
});
