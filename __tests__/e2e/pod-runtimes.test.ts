import { mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import type { LocalCluster } from "../../harness/local-cluster";
import { withLocalCluster } from "./helpers";
import { ManagedProcess } from "../../harness/managed-process";
import { binaryVersion, describeRuntime, imageLine, podImage, podRuntime, versionLine } from "../../harness/pod-runtimes";
import { waitFor } from "../../lib/poll";
import { renderedPoc } from "../helpers/rendered";

const overlay = new RenderedOverlay(renderedPoc());

/** The version line of the program a process runs, from its /proc/<pid>/exe. */
function runningLine(runtime: "haproxy" | "node", pid: number): string | undefined {
  return versionLine(runtime, binaryVersion(runtime, readlinkSync(`/proc/${pid}/exe`)));
}

describe("the lines the images name", () => {
  it("reads HAProxy's major.minor and Node's major from the tags, digests and patch releases included", () => {
    expect(imageLine("haproxy:3.2.9-alpine@sha256:0123", "haproxy")).toEqual({
      runtime: "haproxy",
      image: "haproxy:3.2.9-alpine@sha256:0123",
      line: "3.2",
    });
    expect(imageLine("node:24.1.0-alpine", "node").line).toBe("24");
    expect(imageLine("registry.example:5000/library/haproxy:3.3-alpine", "haproxy").line).toBe("3.3");
    expect(versionLine("haproxy", "2.6.12-1+deb12u4")).toBe("2.6");
  });

  it("refuses a tag that names no line, in one line", () => {
    expect(() => imageLine("haproxy:lts-alpine", "haproxy")).toThrow(
      /^image haproxy:lts-alpine \(container haproxy\): its tag names no HAProxy line \(major.minor, e.g. haproxy:3.2-alpine\)$/,
    );
    expect(() => imageLine("node", "node")).toThrow(/its tag names no Node line/);
  });

  it("takes the images of the rendered DaemonSet's containers", () => {
    expect([podImage(overlay, "haproxy"), podImage(overlay, "node")]).toEqual(["haproxy:3.2-alpine", "node:24-alpine"]);
  });
});

describe("the pod's HAProxy on this machine", () => {
  const haproxy = podRuntime(podImage(overlay, "haproxy"), "haproxy");
  let dir: string;
  let master: ManagedProcess | undefined;

  beforeAll(() => {
    console.log(`pod runtimes: ${describeRuntime(haproxy)}, ${describeRuntime(podRuntime(podImage(overlay, "node"), "node"))}`);
    dir = mkdtempSync(join(tmpdir(), "haproxy-reload-"));
  });
  afterAll(async () => {
    await master?.stop("SIGTERM", 5000);
    rmSync(dir, { recursive: true, force: true });
  });

  // A reload re-executes the binary: this fails if it needed a loader wrapper to find sid's libraries.
  it("reloads in master-worker mode (SIGUSR2) and serves the new configuration", async () => {
    const port = 20000 + (process.pid % 20000);
    const config = (revision: string) =>
      [
        "global",
        "    log stdout format raw local0 info",
        "defaults",
        "    mode http",
        "    timeout connect 1s",
        "    timeout client 5s",
        "    timeout server 5s",
        "frontend probe",
        `    bind 127.0.0.1:${port}`,
        `    http-request return status 200 content-type text/plain string ${revision}`,
        "",
      ].join("\n");
    const path = join(dir, "haproxy.cfg");
    writeFileSync(path, config("first"));
    master = new ManagedProcess({
      name: "haproxy",
      command: haproxy.binary,
      args: ["-W", "-db", "-f", path],
      logFile: join(dir, "haproxy.log"),
    });
    const answer = () =>
      fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.text(),
        () => "",
      );
    await waitFor("HAProxy to answer", async () => (await answer()) === "first", 15_000);

    writeFileSync(path, config("second"));
    master.signal("SIGUSR2");
    await waitFor("the reloaded worker to answer", async () => (await answer()) === "second", 15_000);
    expect(master.running).toBe(true);
    expect(runningLine("haproxy", master.pid)).toBe(imageLine(overlay.haproxyImage, "haproxy").line);
    expect(master.log()).not.toMatch(/\[ALERT\]/);
  }, 40_000);
});

describe("the local cluster's nodes", () => {
  let cluster: LocalCluster;
  withLocalCluster((started) => (cluster = started));

  it("run HAProxy of the line and the app on the Node major the pod's images name", () => {
    for (const node of cluster.nodes) {
      expect(runningLine("haproxy", node.pid("haproxy"))).toBe(imageLine(overlay.haproxyImage, "haproxy").line);
      expect(runningLine("node", node.pid("app"))).toBe(imageLine(overlay.app.image, "node").line);
      expect(node.appCommandLine()).not.toContain("tsx");
    }
  });
});
