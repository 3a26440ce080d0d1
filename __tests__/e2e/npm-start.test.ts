import type { ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NAMESPACE_PREFIX } from "../../harness/test-network";
import type { PollCheck } from "../../lib/poll";
import { PollTimeout, waitFor } from "../../lib/poll";
import { PROJECT_ROOT } from "../../lib/project-root";
import { capture, run, start as startProcess } from "../../lib/run";

const READY_LINE = "Ctrl-C stops the local cluster";

/** `npm start` as a user runs it: its own process group, as a shell gives a foreground job, so SIGINT reaches it as Ctrl-C does. */
class NpmStart {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** The job's process group: npm's pid, as it leads the group. */
  readonly group: number;
  output = "";

  constructor(readonly temp: string) {
    this.child = startProcess("npm", ["start"], {
      cwd: PROJECT_ROOT,
      detached: true,
      env: { ...process.env, TMPDIR: temp },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (this.child.pid === undefined) throw new Error("npm start: npm did not start");
    this.group = this.child.pid;
    this.child.stdout.on("data", (chunk) => (this.output += chunk));
    this.child.stderr.on("data", (chunk) => (this.output += chunk));
  }

  /** How npm ended (the signal, or `exit <code>`); undefined while it runs. */
  get ended(): string | undefined {
    const { exitCode, signalCode } = this.child;
    return signalCode ?? (exitCode === null ? undefined : `exit ${exitCode}`);
  }

  /** Waits (bounded) for `check`; on a timeout, fails with `failure` and what npm start printed. */
  private async until(failure: string, check: PollCheck, timeoutMs: number, intervalMs?: number): Promise<void> {
    await waitFor(failure, check, timeoutMs, intervalMs).catch((error: unknown) => {
      throw error instanceof PollTimeout ? new Error(`${failure}:\n${this.output}`) : error;
    });
  }

  /** Waits for `text` in the output; fails at once when npm ends without printing it. */
  async waitFor(text: string, timeoutMs: number): Promise<void> {
    const failure = `npm start did not print "${text}"`;
    await this.until(
      failure,
      () => {
        if (this.output.includes(text)) return true;
        if (this.ended !== undefined) throw new Error(`${failure}:\n${this.output}`);
        return false;
      },
      timeoutMs,
      200,
    );
  }

  match(pattern: RegExp): string {
    const found = this.output.match(pattern);
    if (!found) throw new Error(`npm start's output has no ${pattern}:\n${this.output}`);
    return found[1];
  }

  /** The group's processes still running (the whole job: npm, sh, node and the harness's programs). */
  groupAlive(): boolean {
    try {
      process.kill(-this.group, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Signals the whole job, as the terminal does, and waits (bounded) until none of its processes is left; how npm ended. */
  async signal(signal: NodeJS.Signals, timeoutMs: number): Promise<string> {
    if (this.groupAlive()) process.kill(-this.group, signal);
    await this.until(`npm start still running ${timeoutMs} ms after ${signal}`, () => this.ended !== undefined, timeoutMs);
    await waitFor("the end of every process of npm start", () => !this.groupAlive(), timeoutMs);
    return this.ended ?? "still running";
  }
}

function namespaces(id: string): string[] {
  return run("ip", ["netns", "list"])
    .split("\n")
    .filter((line) => line.startsWith(`${NAMESPACE_PREFIX}${id}-`));
}

/** The harness's links in the root namespace: its bridge `ep<id>br` and the hosts' veth ends `ep<id><octet>` (harness/test-network.ts). */
function rootLinks(id: string): string[] {
  return run("ip", ["-o", "link", "show"])
    .split("\n")
    .map((line) => line.split(": ")[1]?.split("@")[0])
    .filter((name): name is string => name?.startsWith(`ep${id}`) ?? false);
}

/** A new connection per request, so the load balancer picks a node each time. */
async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { headers: { connection: "close", ...headers }, signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.text() };
}

describe("npm start", () => {
  let temp: string;
  const starts: NpmStart[] = [];
  const ids: string[] = [];

  /** Starts it and waits for its banner; the harness id, for the checks and the clean-up after a failure. */
  async function startOne(): Promise<{ start: NpmStart; id: string }> {
    const start = new NpmStart(temp);
    starts.push(start);
    await start.waitFor(READY_LINE, 90_000);
    const id = start.match(/ip netns pids ekspoc-([0-9a-f]+)-/);
    ids.push(id);
    expect(rootLinks(id)).toContain(`ep${id}br`);
    return { start, id };
  }

  /** Stops it with `signal` as a terminal or a service manager would; nothing of it may remain. */
  async function expectStopsCleanly(start: NpmStart, id: string, signal: NodeJS.Signals): Promise<void> {
    // npm passes the signal on by ending itself with it (exit 130 in a shell on Ctrl-C); the script below it exits 0 once everything is removed.
    expect(await start.signal(signal, 30_000)).toBe(signal);
    expect(start.output).toContain(
      `${signal}: stopping the local cluster ...\nstopped: processes, network namespaces and temporary files removed\n`,
    );
    expect(namespaces(id)).toEqual([]);
    expect(rootLinks(id)).toEqual([]);
    expect(readdirSync("/etc/netns").filter((name) => name.startsWith(`${NAMESPACE_PREFIX}${id}-`))).toEqual([]);
    expect(readdirSync(temp).filter((name) => !name.startsWith("tsx-"))).toEqual([]);
  }

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), "npm-start-"));
  });

  afterAll(async () => {
    // After a failure: stop it as a user would, then by force; remove what a forced stop leaves.
    for (const start of starts) {
      if (start.groupAlive()) await start.signal("SIGTERM", 15_000).catch(() => process.kill(-start.group, "SIGKILL"));
    }
    for (const id of ids) {
      for (const namespace of namespaces(id)) capture("ip", ["netns", "del", namespace.split(" ")[0]]);
      for (const link of rootLinks(id)) capture("ip", ["link", "del", link]);
    }
    rmSync(temp, { recursive: true, force: true });
  }, 30_000);

  it("runs the data plane until Ctrl-C, then leaves nothing behind", async () => {
    const { start, id } = await startOne();
    const http = start.match(/nginx behind HAProxy\s+(http:\S+?)\/?\n/);
    const metadata = start.match(/which node and AZ\s+(http:\S+?)\/?\n/);
    const stats = start.match(/HAProxy statistics\s+(http:\S+?)\/?\s/);
    const [user, password] = [start.match(/user (\S+), password/), start.match(/password (\S+)/)];
    expect([http, metadata, stats].map((url) => url.match(/:(\d+)$/)?.[1])).toEqual(["80", "5000", "9000"]);

    // From the host's shell, as the printed URLs promise.
    expect((await get(`${http}/`)).body).toContain("Welcome to nginx!");
    expect(JSON.parse((await get(`${metadata}/`, { accept: "application/json" })).body).availabilityZone).toMatch(/^us-east-1[abc]$/);
    expect((await get(`${stats}/`)).status).toBe(401);
    expect((await get(`${stats}/`, { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` })).status).toBe(200);

    const verify = capture(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/verify.ts",
        "--url",
        http,
        "--azs",
        "us-east-1a,us-east-1b,us-east-1c",
        "--timeout",
        "30",
        "--interval",
        "1",
      ],
      { cwd: PROJECT_ROOT, timeoutMs: 60_000 },
    );
    // 9000 is a load balancer of its own on EKS (statsSourceRanges), so --url names 80 and 5000 only.
    expect(verify.stdout).toMatch(/^OK: ports 80 and 5000 answer; 3 of 3 AZs served port 5000/m);
    expect(verify.status).toBe(0);

    const second = capture("npm", ["start"], { cwd: PROJECT_ROOT, env: { ...process.env, TMPDIR: temp }, timeoutMs: 30_000 });
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(/^npm start: a local cluster is already running \(pid \d+, since /m);
    expect(second.stderr).toContain(`${http}/`);

    await expectStopsCleanly(start, id, "SIGINT");
  }, 180_000);

  it("stops on SIGTERM (kill, a service manager) the same way", async () => {
    const { start, id } = await startOne();
    await expectStopsCleanly(start, id, "SIGTERM");
  }, 150_000);

  it("says in one line that it needs root", () => {
    // A directory of its own: the lock of a start the first test left running after a failure must not count here.
    const own = mkdtempSync(join(temp, "unprivileged-"));
    // tsx's cache would need a temporary directory the unprivileged user may write.
    const unprivileged = capture(
      "setpriv",
      ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath, "--import", "tsx", "scripts/start.ts"],
      { cwd: PROJECT_ROOT, env: { ...process.env, TMPDIR: own, TSX_DISABLE_CACHE: "1" }, timeoutMs: 30_000 },
    );
    expect(unprivileged.stderr).toBe("npm start: needs root for network namespaces (ip netns): run it as root, e.g. sudo npm start\n");
    expect(unprivileged.status).toBe(1);
    expect(existsSync(join(own, "eks-haproxy-poc-start.lock"))).toBe(false);
  });
});
