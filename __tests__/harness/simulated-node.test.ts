import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLE_INSTANCE } from "../../harness/fake-imds";
import { ManagedProcess } from "../../harness/managed-process";
import { Pod } from "../../harness/pod";
import { SimulatedNode } from "../../harness/simulated-node";
import { waitFor } from "../../lib/poll";

/**
 * A node whose programs and pod containers are stand-ins in the root
 * namespace: each is a Node process that records the signals it gets, so the
 * actions can be checked without network namespaces.
 */
describe("SimulatedNode's actions", () => {
  let dir: string;
  const started: ManagedProcess[] = [];
  const calls: string[] = [];

  /** A program that logs "ready" and each SIGUSR2, and exits on SIGTERM. */
  function standIn(name: string): ManagedProcess {
    calls.push(`start ${name}`);
    const script = "process.on('SIGUSR2', () => console.log('SIGUSR2')); console.log('ready'); setInterval(() => {}, 1000);";
    const child = new ManagedProcess({
      name,
      command: process.execPath,
      args: ["-e", script],
      logFile: join(dir, `${name}-${started.length}.log`),
    });
    started.push(child);
    return child;
  }

  function node(): SimulatedNode {
    const n = new SimulatedNode(0, { name: "node1", namespace: "none", ip: "198.18.0.11" }, EXAMPLE_INSTANCE, {
      imds: () => standIn("imds"),
      kubeProxy: () => void calls.push("start kube-proxy"),
      ready: () => {
        calls.push("ready");
        return Promise.resolve();
      },
      link: (up) => void calls.push(up ? "link up" : "link down"),
    });
    const configPath = join(dir, "haproxy.cfg");
    writeFileSync(configPath, "first\n");
    const stop = { preStopSeconds: 0, signal: "SIGTERM" as const };
    const pod = new Pod(
      {
        name: "haproxy-bcdfg",
        nodeName: "node1",
        host: { name: "p100", namespace: "none", ip: "127.0.0.1" },
        terminationGracePeriodSeconds: 5,
        containers: [
          { name: "haproxy", start: () => standIn("haproxy"), stop },
          { name: "metadata", start: () => standIn("app"), stop },
        ],
      },
      () => undefined,
    );
    n.pods.push({ pod, configPath });
    pod.start();
    return n;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "simulated-node-"));
    calls.length = 0;
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.stop("SIGKILL", 2000)));
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts the metadata service with the node, the pod's containers with the pod, and kube-proxy only when asked", () => {
    const n = node();
    expect(calls).toEqual(["start imds", "start haproxy", "start app"]);
    n.startKubeProxy();
    expect(calls.at(-1)).toBe("start kube-proxy");
  });

  it("kills HAProxy's container and restarts it in the same pod, waiting until the node serves", async () => {
    const n = node();
    const [first, pod] = [n.pid("haproxy"), n.pod];
    await n.killHaproxy();
    expect(started[1].running).toBe(false);
    await n.restartHaproxy();
    expect(n.pid("haproxy")).not.toBe(first);
    expect(n.pod).toBe(pod);
    expect(calls.slice(-2)).toEqual(["start haproxy", "ready"]);
  });

  it("restarts the app and stops and starts the metadata service", async () => {
    const n = node();
    const app = n.pid("app");
    await n.restartApp();
    expect(n.pid("app")).not.toBe(app);
    expect(started[2].running).toBe(false);
    await n.stopMetadataService();
    expect(started[0].running).toBe(false);
    n.startMetadataService();
    expect(calls.filter((c) => c === "start imds")).toHaveLength(2);
  });

  it("reloads HAProxy in place with a new configuration by SIGUSR2 to the same process", async () => {
    const n = node();
    const pid = n.pid("haproxy");
    await waitFor("the stand-in to start", () => started[1].log().includes("ready"), 10_000);
    n.reloadHaproxyInPlace("second\n");
    expect(n.haproxyConfig()).toBe("second\n");
    expect(readFileSync(join(dir, "haproxy.cfg"), "utf8")).toBe("second\n");
    await waitFor("the stand-in to get SIGUSR2", () => started[1].log().includes("SIGUSR2"), 10_000);
    expect(n.pid("haproxy")).toBe(pid);
  });

  it("cuts the node off and reconnects it through its link, and reads the app's command line from the kernel", () => {
    const n = node();
    n.cutOff();
    expect(n.lostAt).toBeDefined();
    n.reconnect();
    expect(n.lostAt).toBeUndefined();
    expect(calls.slice(-2)).toEqual(["link down", "link up"]);
    expect(n.appCommandLine()).toEqual([process.execPath, "-e", expect.stringContaining("SIGUSR2")]);
  });

  it("names the newest pod not being deleted as the node's pod", async () => {
    const n = node();
    const first = n.pod;
    const { gone } = first.delete();
    expect(() => n.pod).toThrow("node1 runs no HAProxy pod");
    await gone;
    expect(first.exited).toBe(true);
  });
});
