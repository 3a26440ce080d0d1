import { mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findObject } from "../../kubernetes/kubernetes-object";
import { LocalCluster } from "../../e2e/local-cluster";
import { ManagedProcess } from "../../e2e/managed-process";
import { binaryVersion, describeRuntime, imageLine, podRuntime, versionLine } from "../../e2e/pod-runtimes";
import { waitFor } from "../../e2e/wait";
import { renderedPoc } from "../helpers/rendered";

const daemonSet = findObject(renderedPoc(), "DaemonSet", "haproxy");

/** The version line of the program a process runs, from its /proc/<pid>/exe. */
function runningLine(runtime: "haproxy" | "node", pid: number): string | undefined {
  return versionLine(runtime, binaryVersion(runtime, readlinkSync(`/proc/${pid}/exe`)));
}

describe("the pod's HAProxy on this machine", () => {
  const haproxy = podRuntime(daemonSet, "haproxy");
  let dir: string;
  let master: ManagedProcess | undefined;

  beforeAll(() => {
    console.log(`pod runtimes: ${describeRuntime(haproxy)}, ${describeRuntime(podRuntime(daemonSet, "node"))}`);
    dir = mkdtempSync(join(tmpdir(), "haproxy-reload-"));
  });
  afterAll(async () => {
    await master?.stop("SIGTERM", 5000);
    rmSync(dir, { recursive: true, force: true });
  });

  // A reload re-executes the binary: this fails if it needed a loader wrapper to find sid's libraries.
  it("reloads in master-worker mode (SIGUSR2) and serves the new configuration", async () => {
    const port = 20000 + (process.pid % 20000);
    const config = (revision: string) => [
      "global", "    log stdout format raw local0 info",
      "defaults", "    mode http", "    timeout connect 1s", "    timeout client 5s", "    timeout server 5s",
      "frontend probe", `    bind 127.0.0.1:${port}`, `    http-request return status 200 content-type text/plain string ${revision}`, "",
    ].join("\n");
    const path = join(dir, "haproxy.cfg");
    writeFileSync(path, config("first"));
    master = new ManagedProcess({ name: "haproxy", command: haproxy.binary, args: ["-W", "-db", "-f", path], logFile: join(dir, "haproxy.log") });
    const answer = () => fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then((r) => r.text(), () => "");
    await waitFor("HAProxy to answer", async () => (await answer()) === "first", 15_000);

    writeFileSync(path, config("second"));
    master.child.kill("SIGUSR2");
    await waitFor("the reloaded worker to answer", async () => (await answer()) === "second", 15_000);
    expect(master.running).toBe(true);
    expect(runningLine("haproxy", master.child.pid!)).toBe(imageLine(daemonSet, "haproxy").line);
    expect(master.log()).not.toMatch(/\[ALERT\]/);
  }, 40_000);
});

describe("the local cluster's nodes", () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await LocalCluster.start();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  it("run HAProxy of the line and the app on the Node major the pod's images name", () => {
    for (const node of cluster.nodes) {
      expect(runningLine("haproxy", node.haproxy.child.pid!)).toBe(imageLine(daemonSet, "haproxy").line);
      expect(runningLine("node", node.app.child.pid!)).toBe(imageLine(daemonSet, "node").line);
      expect(node.app.spec.args).not.toContain("tsx");
    }
  });
});
