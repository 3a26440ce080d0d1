import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { renderOverlay } from "../../kubernetes/render-overlay";
import type { LocalCluster } from "../../harness/local-cluster";
import { NODE_MONITOR_GRACE_PERIOD_SECONDS } from "../../harness/local-cluster";
import { runLoadInChild } from "../../harness/load";
import { silentTargetWindowSeconds } from "../../harness/nlb/nlb-health-check";
import { readinessFailureWindowSeconds } from "../../harness/kube-proxy/readiness-probe";
import { sleep, waitFor } from "../../lib/poll";
import { summary, withLocalCluster } from "./helpers";

/**
 * The same overlay with externalTrafficPolicy Cluster, the alternative the
 * docs/failover.md weighs against Local: every node's kube-proxy forwards to any ready
 * pod, and the NLB checks the traffic port over TCP (AWS's fixed TCP timeout is
 * 10 s, so the interval must be above it: 11 s).
 */
function withClusterPolicy(objects: KubernetesObject[]): KubernetesObject[] {
  const service = new RenderedOverlay(objects).mainService;
  const changed = {
    ...service,
    metadata: {
      ...service.metadata,
      annotations: { ...service.metadata.annotations, "service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval": "11" },
    },
    spec: { ...service.spec, externalTrafficPolicy: "Cluster" },
  };
  return objects.map((o) => (o === service ? changed : o));
}

/** Margin for an endpoint change to reach every node's kube-proxy model (sent at once, then loaded into nftables). */
const PROPAGATION_MS = 2000;
/** kube-controller-manager's node monitor grace period, as LocalCluster models it. */
const GRACE_MS = NODE_MONITOR_GRACE_PERIOD_SECONDS * 1000;

let cluster: LocalCluster;

withLocalCluster(
  (started) => (cluster = started),
  () => withClusterPolicy(renderOverlay("poc")),
);

describe("externalTrafficPolicy Cluster", () => {
  it("port 5000 still answers, from pods on any node", async () => {
    const answer = await fetch(cluster.loadBalancerUrl("metadata") + "/", { headers: { connection: "close" } });
    expect(answer.status).toBe(200);
  });

  it("a node whose HAProxy dies: no failed request once its pod is not ready, without the load balancer removing the node", async () => {
    const node = cluster.nodes[2];
    const probe = cluster.inputs.readinessProbe;
    const readinessMs = (readinessFailureWindowSeconds(probe) + probe.timeoutSeconds) * 1000;
    const load = runLoadInChild({
      url: cluster.loadBalancerUrl("http") + "/",
      concurrency: 3,
      durationMs: readinessMs + PROPAGATION_MS + 10_000,
      timeoutMs: 3000,
    });
    await load.started;
    await sleep(2000);
    const stoppedAt = Date.now();
    await node.killHaproxy();
    await waitFor("node3's pod to be not ready", async () => (await cluster.healthCheckStatus(2)) === 503, readinessMs + 2000, 100);
    const notReadyAt = Date.now();
    const knewAt = await cluster.endpointsPropagated();
    const samples = await load;
    const before = samples.filter((s) => s.startedAt >= stoppedAt && s.startedAt < knewAt);
    const after = samples.filter((s) => s.startedAt >= knewAt);
    const targets = await cluster.loadBalancerTargets();
    console.log(
      `Cluster, HAProxy death: not ready after ${notReadyAt - stoppedAt} ms; every kube-proxy knew ${knewAt - notReadyAt} ms later; until then ${summary(before)}; ` +
        `afterwards ${summary(after)}; load balancer targets: ${targets.map((t) => t.state).join(", ")}`,
    );
    expect(after.length).toBeGreaterThan(20);
    expect(after.filter((s) => !s.ok)).toEqual([]);
    expect(targets.every((t) => t.state === "healthy")).toBe(true);
    await node.restartHaproxy();
  }, 90_000);

  it("a lost node: requests keep failing until the control plane would mark it NotReady, not when the load balancer removes it", async () => {
    const node = cluster.nodes[1];
    const check = cluster.inputs.healthCheck;
    const modelLagMs = (check.unhealthyThreshold - 1) * check.timeoutSeconds * 1000;
    const removalMs = silentTargetWindowSeconds(check) * 1000 + modelLagMs;
    const durationMs = Math.max(removalMs, GRACE_MS) + PROPAGATION_MS + 8000;
    const load = runLoadInChild({
      url: cluster.loadBalancerUrl("http") + "/",
      concurrency: 3,
      durationMs: durationMs + 2000,
      timeoutMs: 3000,
    });
    await load.started;
    await sleep(2000);
    const lostAt = Date.now();
    node.cutOff();
    try {
      await waitFor(
        "the load balancer to mark node2 unhealthy",
        async () => (await cluster.loadBalancerTarget(node.index)).state === "unhealthy",
        removalMs + 2000,
        100,
      );
      const removedAt = Date.now();
      const samples = await load;
      const failed = samples.filter((s) => s.startedAt >= lostAt && !s.ok);
      const lastFailure = Math.max(...failed.map((s) => s.startedAt));
      const settled = samples.filter((s) => s.startedAt >= lostAt + GRACE_MS + PROPAGATION_MS);
      const removedToGrace = samples.filter((s) => s.startedAt >= removedAt && s.startedAt < lostAt + GRACE_MS);
      console.log(
        `Cluster, node lost: removed by the load balancer after ${removedAt - lostAt} ms (on AWS's schedule ${removedAt - lostAt - modelLagMs} ms); ` +
          `from then until the grace period ${summary(removedToGrace)}; last failed request started ${lastFailure - lostAt} ms after the loss; after the grace period ${summary(settled)}`,
      );
      expect(removedAt - lostAt).toBeLessThanOrEqual(removalMs + 1000);
      // Requests the other nodes forward to the lost node's pod fail until its endpoint goes, at the grace period,
      // whenever the load balancer removed the node (on a loaded machine the model's removal nears the grace period).
      expect(lastFailure - lostAt).toBeGreaterThan(GRACE_MS - 2000);
      expect(settled.length).toBeGreaterThan(20);
      expect(settled.filter((s) => !s.ok)).toEqual([]);
    } finally {
      node.reconnect();
    }
  }, 120_000);
});
