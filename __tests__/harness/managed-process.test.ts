import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManagedProcess } from "../../harness/managed-process";
import { waitFor } from "../../lib/poll";

describe("ManagedProcess", () => {
  let dir: string;
  const started: ManagedProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "managed-process-"));
  });
  afterEach(() => {
    for (const program of started.splice(0)) program.killSync();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A shell script as a managed program; it prints "ready" once its traps are set. */
  async function run(script: string): Promise<ManagedProcess> {
    const program = new ManagedProcess({ name: "script", command: "sh", args: ["-c", script], logFile: join(dir, "script.log") });
    started.push(program);
    await waitFor("the script's traps", () => program.log().includes("ready\n"), 10_000, 20);
    return program;
  }

  it("signal() delivers a signal the program acts on while it keeps running, as HAProxy's master reloads on SIGUSR2", async () => {
    const program = await run('trap "echo reloaded" USR2; echo ready; while :; do sleep 0.05; done');
    program.signal("SIGUSR2");
    await waitFor("the script's answer to SIGUSR2", () => program.log().includes("reloaded\n"), 10_000, 20);
    expect(program.running).toBe(true);
  }, 30_000);

  it("stop() lets a program end on its signal, and signal() then refuses in one line", async () => {
    const program = await run('trap "echo stopping; exit 0" TERM; echo ready; while :; do sleep 0.05; done');
    await program.stop("SIGTERM", 10_000);
    expect(program.running).toBe(false);
    expect(program.log()).toContain("stopping\n");
    expect(() => program.signal("SIGHUP")).toThrow("script: not running, cannot send SIGHUP");
  }, 30_000);

  it("stop() kills a program that ignores the signal once the timeout has passed", async () => {
    const program = await run('trap "" TERM; echo ready; while :; do sleep 0.05; done');
    await program.stop("SIGTERM", 300);
    expect(program.running).toBe(false);
    expect(program.log()).not.toContain("stopping");
  }, 30_000);
});
