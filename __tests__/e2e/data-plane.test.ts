import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LocalCluster } from "../../harness/local-cluster";
import { readinessFailureWindowSeconds } from "../../harness/kube-proxy/readiness-probe";
import type { TestHost } from "../../harness/test-network";
import { runLoad } from "../../harness/load";
import { failingTargetWindowSeconds, silentTargetWindowSeconds } from "../../harness/nlb/nlb-health-check";
import { sleep, waitFor } from "../../lib/poll";
import { basicAuth, nginxCheckWindowMs, statsRows, summary, withLocalCluster } from "./helpers";
import { PROJECT_ROOT } from "../../lib/project-root";
import { start } from "../../lib/run";

let cluster: LocalCluster;

withLocalCluster((started) => (cluster = started));

/** A new connection per request, so the load balancer picks a node each time. */
async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(url, { headers: { connection: "close", ...headers }, signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

describe("through the load balancer", () => {
  it("port 80 answers nginx's page", async () => {
    const answer = await get(cluster.loadBalancerUrl("http") + "/");
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Welcome to nginx!");
  });

  it("port 5000 answers the serving node's metadata, and all three AZs answer", async () => {
    const zones = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const answer = await get(cluster.loadBalancerUrl("metadata") + "/");
      expect(answer.status).toBe(200);
      const report = JSON.parse(answer.body);
      expect(report).toMatchObject({ region: "us-east-1", podName: expect.stringMatching(/haproxy-[b-z2-9]{5}$/) });
      zones.add(report.availabilityZone);
    }
    expect([...zones].sort()).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
  });

  it("port 9000 answers the stats page only with the credentials", async () => {
    expect((await get(cluster.loadBalancerUrl("stats") + "/")).status).toBe(401);
    expect(
      (await get(cluster.loadBalancerUrl("stats") + "/", { authorization: "Basic " + Buffer.from("stats:wrong").toString("base64") }))
        .status,
    ).toBe(401);
    const answer = await get(cluster.loadBalancerUrl("stats") + "/", basicAuth(cluster));
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Statistics Report");
    expect(answer.body).not.toMatch(/HAProxy version \d/);
  });

  it("/external/ reaches the external backend through its ExternalName with the overlay's host", async () => {
    const answer = await get(cluster.loadBalancerUrl("http") + "/external/hello?x=1");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ backend: "external", path: "/hello?x=1", host: "example.com" });
  });
});

describe("npm run verify", () => {
  // An operator's machine, outside the cluster: the pods' namespaces hold their network policies.
  let client: TestHost;
  beforeAll(() => {
    client = cluster.network.addHost("client", 40, `${cluster.network.subnet}.53`);
  });

  /** `npm run verify` in `namespace`; `output` sees what it has printed so far. */
  function verify(
    args: string[],
    namespace: string,
    env: Record<string, string> = {},
    output: { text: string } = { text: "" },
  ): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = start("ip", ["netns", "exec", namespace, process.execPath, "--import", "tsx", "scripts/verify.ts", ...args], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...env },
      });
      child.stdout.on("data", (d) => (output.text += d));
      child.stderr.on("data", (d) => (output.text += d));
      child.on("exit", (code) => resolve({ code, out: output.text }));
    });
  }

  it("waits for the load balancer's name to resolve, then reports all three AZs", async () => {
    const name = `lb-${cluster.network.id}.harness.test`;
    const output = { text: "" };
    const running = verify(
      ["--url", `http://${name}`, "--azs", "us-east-1a,us-east-1b,us-east-1c", "--timeout", "60", "--interval", "1"],
      client.namespace,
      {},
      output,
    );
    // Once it has found the name missing (a loaded machine can take seconds to start it).
    await waitFor("npm run verify to wait for the name", () => output.text.includes(`waiting for ${name} to resolve`), 30_000, 100);
    cluster.publishName(name, cluster.loadBalancerHost.ip);
    const { code, out } = await running;
    expect(out).toContain(`waiting for ${name} to resolve`);
    expect(out).toMatch(
      /OK: ports 80 and 5000 answer; 3 of 3 AZs served port 5000: us-east-1a \(\d+\), us-east-1b \(\d+\), us-east-1c \(\d+\)/,
    );
    expect(code).toBe(0);
  }, 90_000);

  /** A `terraform` that answers `output -json` as deployed stacks would: the cluster's AZs, the workloads' URLs and credentials. */
  function fakeTerraform(azs: string[]): { bin: string; outputs: Record<string, { value: string }> } {
    const bin = mkdtempSync(join(tmpdir(), "fake-terraform-"));
    const outputs = {
      http_url: { value: cluster.loadBalancerUrl("http") + "/" },
      metadata_url: { value: cluster.loadBalancerUrl("metadata") + "/" },
      stats_url: { value: cluster.loadBalancerUrl("stats") + "/" },
      stats_username: { value: cluster.stats.username },
      stats_password: { value: cluster.stats.password, sensitive: true },
    };
    const clusterOutputs = { cluster_name: { value: "eks-haproxy-poc" }, node_availability_zones: { value: azs } };
    writeFileSync(
      join(bin, "terraform"),
      `#!/bin/sh
case "$1" in
*/eks-cluster) cat <<'JSON'
${JSON.stringify(clusterOutputs)}
JSON
;;
` +
        `*) cat <<'JSON'
${JSON.stringify(outputs)}
JSON
;;
esac
`,
    );
    chmodSync(join(bin, "terraform"), 0o755);
    return { bin, outputs };
  }

  it("reads the workloads stack's outputs, stats credentials included, when no --url is given", async () => {
    const { bin, outputs } = fakeTerraform(["us-east-1a", "us-east-1b", "us-east-1c"]);
    const { code, out } = await verify(["--timeout", "30", "--interval", "1"], client.namespace, { PATH: `${bin}:${process.env.PATH}` });
    rmSync(bin, { recursive: true, force: true });
    expect(out).toContain(`${outputs.stats_url.value} answers`);
    expect(out).toMatch(/OK: ports 80, 5000 and 9000 answer; 3 of 3 AZs/);
    expect(code).toBe(0);
  }, 60_000);

  it("judges the AZs against the deployed cluster stack's node_availability_zones, not today's settings", async () => {
    const { bin } = fakeTerraform(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]);
    const { code, out } = await verify(["--timeout", "30", "--interval", "1"], client.namespace, { PATH: `${bin}:${process.env.PATH}` });
    rmSync(bin, { recursive: true, force: true });
    expect(out).toMatch(/DEGRADED: ports 80, 5000 and 9000 answer; 3 of 4 AZs served port 5000: .*; missing: us-east-1d\n/);
    expect(code).toBe(1);
  }, 60_000);

  it("gives up after its timeout with the reason when nothing answers", async () => {
    const { code, out } = await verify(
      ["--url", `http://${cluster.network.subnet}.99`, "--timeout", "3", "--interval", "1"],
      client.namespace,
    );
    expect(out).toMatch(
      /FAILED: waiting for http:\/\/[\d.]+:80\/: gave up after 0:0\d: http:\/\/[\d.]+:80\/: (EHOSTUNREACH|ECONNREFUSED|no answer within)/,
    );
    expect(code).toBe(1);
  }, 30_000);
});

describe("failures", () => {
  it("an nginx that stops is taken out of rotation with no failed request", async () => {
    const windowMs = nginxCheckWindowMs(cluster.inputs.overlay.haproxyCfg);
    const load = runLoad({ url: cluster.loadBalancerUrl("http") + "/", concurrency: 4, durationMs: windowMs + 6000 });
    await sleep(2000);
    const stoppedAt = Date.now();
    await cluster.stopNginx(0);
    const downAfter = await waitFor(
      "HAProxy to mark nginx1 down on every node",
      async () => {
        const rows = await Promise.all(cluster.nodes.map((n) => statsRows(cluster, n.index)));
        // One nginx slot per address; the stopped one is the slot whose checks now fail.
        return rows.every((r) => r.filter((row) => row.pxname === "nginx" && row.status.startsWith("DOWN")).length === 1);
      },
      windowMs + 2000,
      200,
    );
    const samples = await load;
    console.log(`nginx failure: marked down after ${downAfter} ms (window ${windowMs} ms); ${summary(samples)}`);
    expect(downAfter).toBeLessThanOrEqual(windowMs);
    expect(samples.filter((s) => s.startedAt > stoppedAt).length).toBeGreaterThan(50);
    expect(samples.filter((s) => !s.ok)).toEqual([]);
    await cluster.restartNginx(0);
  }, 60_000);

  it("a node whose metadata service is gone answers 503 on 5000 while HAProxy and port 80 keep working", async () => {
    const node = cluster.nodes[0];
    await node.stopMetadataService();
    await node.restartApp();
    const answer = await get(cluster.nodeUrl(0, "metadata") + "/");
    expect(answer.status).toBe(503);
    expect(answer.headers.get("content-type")).toContain("application/json");
    expect(JSON.parse(answer.body)).toMatchObject({
      error: "instance metadata unavailable",
      reason: expect.stringMatching(/169\.254\.169\.254/),
      hint: expect.stringContaining("hop limit"),
    });
    expect((await get(cluster.nodeUrl(0, "http") + "/")).status).toBe(200);
    node.startMetadataService();
    await waitFor("the metadata app to recover", async () => (await get(cluster.nodeUrl(0, "metadata") + "/")).status === 200, 15_000, 500);
  }, 60_000);

  // A statement about HAProxy, not about the cluster: a changed ConfigMap rolls the DaemonSet's pods (rollouts.test.ts).
  it("HAProxy itself reloads a changed haproxy.cfg in place (SIGUSR2) without failed requests", async () => {
    const node = cluster.nodes[1];
    const changed = node
      .haproxyConfig()
      .replace(/^(frontend http\n\s+bind .*\n)/m, "$1    http-response set-header X-Config-Revision reloaded\n");
    const load = runLoad({ url: cluster.nodeUrl(1, "http") + "/", concurrency: 4, durationMs: 6000 });
    await sleep(2000);
    node.reloadHaproxyInPlace(changed);
    const samples = await load;
    console.log(`HAProxy's in-place reload (SIGUSR2): ${summary(samples)}`);
    expect(samples.filter((s) => !s.ok)).toEqual([]);
    expect(samples.at(-1)?.headers?.["x-config-revision"]).toBe("reloaded");
    expect(samples[0].headers).toBeDefined();
    expect(samples[0].headers?.["x-config-revision"]).toBeUndefined();
  }, 30_000);

  it("a node whose HAProxy dies: kube-proxy's health check follows its readiness, the load balancer follows that", async () => {
    const node = cluster.nodes[2];
    const probe = cluster.inputs.readinessProbe;
    const readinessMs = (readinessFailureWindowSeconds(probe) + probe.timeoutSeconds) * 1000;
    const removalMs = failingTargetWindowSeconds(cluster.inputs.healthCheck) * 1000;
    const load = runLoad({
      url: cluster.loadBalancerUrl("http") + "/",
      concurrency: 3,
      durationMs: readinessMs + removalMs + 8000,
      timeoutMs: 3000,
    });
    await sleep(2000);
    const stoppedAt = Date.now();
    await node.killHaproxy();
    await waitFor(
      "kube-proxy's health check on node3 to answer 503",
      async () => (await cluster.healthCheckStatus(2)) === 503,
      readinessMs + 2000,
      100,
    );
    const notReadyAt = Date.now();
    await waitFor(
      "the load balancer to mark node3 unhealthy",
      async () => (await cluster.loadBalancerTarget(node.index)).state === "unhealthy",
      removalMs + 2000,
      100,
    );
    const removedAt = Date.now();
    const samples = await load;
    const [notReadyAfter, removedAfter] = [notReadyAt - stoppedAt, removedAt - stoppedAt];
    const before = samples.filter((s) => s.startedAt >= stoppedAt && s.startedAt < notReadyAt);
    const between = samples.filter((s) => s.startedAt >= notReadyAt && s.startedAt < removedAt);
    const after = samples.filter((s) => s.startedAt >= removedAt + 200);
    console.log(
      `HAProxy death: not ready after ${notReadyAfter} ms (bound ${readinessMs} ms), removed by the load balancer after ${removedAfter} ms ` +
        `(bound ${readinessMs + removalMs} ms); until not ready ${summary(before)}; from not ready to removal ${summary(between)}; after removal ${summary(after)}`,
    );
    expect(notReadyAfter).toBeLessThanOrEqual(readinessMs + 1000);
    expect(removedAfter - notReadyAfter).toBeLessThanOrEqual(removalMs + 1000);
    expect(after.length).toBeGreaterThan(20);
    expect(after.filter((s) => !s.ok)).toEqual([]);
    // Until removal, at most the dead node's share of new connections (one in three, in turn), plus those in flight.
    const failed = [...before, ...between].filter((s) => !s.ok).length;
    expect(failed).toBeLessThanOrEqual(Math.ceil((before.length + between.length) / cluster.nodes.length) + 2 * 3);

    await node.restartHaproxy();
    await waitFor(
      "the load balancer to take node3 back",
      async () => (await cluster.loadBalancerTarget(node.index)).state === "healthy",
      (cluster.inputs.healthCheck.healthyThreshold + 1) * cluster.inputs.healthCheck.intervalSeconds * 1000,
      250,
    );
  }, 120_000);

  it("a lost node (silent on the network) leaves the load balancer's rotation within the silent-target window", async () => {
    const node = cluster.nodes[1];
    const check = cluster.inputs.healthCheck;
    // HAProxy starts a check `inter` after the previous one ended, so each timed-out check delays the next by the
    // timeout, where an NLB keeps its interval: the model is slower than AWS by (threshold - 1) x timeout.
    const modelLagMs = (check.unhealthyThreshold - 1) * check.timeoutSeconds * 1000;
    const windowMs = silentTargetWindowSeconds(check) * 1000 + modelLagMs;
    // A random moment within the check interval, so that runs sample the whole window rather than one phase.
    const phaseMs = Math.floor(Math.random() * check.intervalSeconds * 1000);
    const load = runLoad({
      url: cluster.loadBalancerUrl("http") + "/",
      concurrency: 3,
      durationMs: windowMs + phaseMs + 8000,
      timeoutMs: 3000,
    });
    await sleep(2000 + phaseMs);
    const lostAt = Date.now();
    node.cutOff();
    try {
      await waitFor(
        "the load balancer to mark node2 unhealthy",
        async () => (await cluster.loadBalancerTarget(node.index)).state === "unhealthy",
        windowMs + 2000,
        100,
      );
      const removedAt = Date.now();
      const removedAfter = removedAt - lostAt;
      const samples = await load;
      const window = samples.filter((s) => s.startedAt >= lostAt && s.startedAt < removedAt);
      const after = samples.filter((s) => s.startedAt >= removedAt + 200);
      const share = Math.round((window.filter((s) => !s.ok).length / Math.max(window.length, 1)) * 100);
      console.log(
        `node lost: removed by the load balancer after ${removedAfter} ms (bound ${windowMs} ms; on AWS's schedule ${removedAfter - modelLagMs} ms); ` +
          `in that window ${summary(window)} (${share}%); after removal ${summary(after)}`,
      );
      expect(removedAfter).toBeLessThanOrEqual(windowMs + 1000);
      expect(after.length).toBeGreaterThan(20);
      expect(after.filter((s) => !s.ok)).toEqual([]);
    } finally {
      node.reconnect();
    }
  }, 120_000);
});
