import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManagedProcess } from "../../harness/managed-process";
import { Pod } from "../../harness/pod";
import { waitFor } from "../../lib/poll";

/** A pod of stand-in containers in the root namespace, each logging the signals it gets. */
describe("Pod: the kubelet's graceful deletion", () => {
  let dir: string;
  const processes: ManagedProcess[] = [];
  const changes: string[] = [];

  /** A container that logs each signal; `exitOn` ends it, any other it survives (only SIGKILL then ends it). */
  function standIn(name: string, exitOn: string): ManagedProcess {
    const script = `for (const s of ["SIGUSR1", "SIGTERM", "SIGQUIT"]) process.on(s, () => { console.log(s); if (s === "${exitOn}") process.exit(0); }); console.log("up"); setInterval(() => {}, 1000);`;
    const child = new ManagedProcess({ name, command: process.execPath, args: ["-e", script], logFile: join(dir, `${name}.log`) });
    processes.push(child);
    return child;
  }

  function pod(grace: number): Pod {
    const p = new Pod(
      {
        name: "web-bcdfg",
        nodeName: "node1",
        host: { name: "p100", namespace: "none", ip: "127.0.0.1" },
        terminationGracePeriodSeconds: grace,
        containers: [
          // Ignores its stop signal: SIGKILL at the end of the grace period.
          { name: "stubborn", start: () => standIn("stubborn", "none"), stop: { preStopSeconds: 1, signal: "SIGUSR1" } },
          { name: "polite", start: () => standIn("polite", "SIGTERM"), stop: { preStopSeconds: 0, signal: "SIGTERM" } },
        ],
      },
      (changed) => void changes.push(changed.exited ? "exited" : changed.terminating ? "terminating" : "changed"),
    );
    p.start();
    return p;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pod-"));
    changes.length = 0;
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop("SIGKILL", 2000)));
    rmSync(dir, { recursive: true, force: true });
  });

  it("marks the pod terminating at once, then per container: preStop pause, the image's stop signal, SIGKILL at the end", async () => {
    const p = pod(3);
    await waitFor("the containers to start", () => processes.every((c) => c.log().includes("up")), 10_000);
    expect(p.ready).toBe(true);
    const { gone } = p.delete();
    expect(p.terminating).toBe(true);
    expect(changes).toEqual(["terminating"]);
    // The container without a pause gets its signal at once; the other one not before its pause ends.
    await waitFor("the polite container to stop", () => !processes[1].running, 5000);
    expect(processes[0].log()).not.toContain("SIGUSR1");
    await gone;
    expect(processes[1].log()).toContain("SIGTERM");
    expect(processes[0].log()).toContain("SIGUSR1");
    expect(processes[0].running).toBe(false);
    expect(p.exited).toBe(true);
    expect(changes).toEqual(["terminating", "exited"]);
  }, 20_000);

  it("a deletion asked twice is one deletion; a kill ends the pause at once", async () => {
    const p = pod(30);
    await waitFor("the containers to start", () => processes.every((c) => c.log().includes("up")), 10_000);
    expect(p.delete()).toEqual(p.delete());
    await p.kill();
    expect(processes.every((c) => !c.running)).toBe(true);
    expect(processes[0].log()).not.toContain("SIGUSR1");
  }, 20_000);
});
