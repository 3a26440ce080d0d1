import type { ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { PollTimeout, waitFor } from "../lib/poll";
import { inCgroups } from "./cgroup-limits";
import type { TestHost } from "./test-network";
import { start } from "../lib/run";

export interface ProcessSpec {
  /** Name for logs and errors. */
  readonly name: string;
  readonly command: string;
  readonly args: string[];
  /** Runs inside this host's namespace; the root namespace when omitted. */
  readonly host?: TestHost;
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  /** File that receives stdout and stderr. */
  readonly logFile: string;
  /**
   * cgroup.procs files the program joins before it starts (the container's cgroups). Joined from the root
   * namespace: `ip netns exec` mounts a sysfs of the namespace, without the cgroup hierarchies. @default none
   */
  readonly cgroups?: readonly string[];
}

/** A program the harness started and must stop, whatever happens. */
export class ManagedProcess {
  private readonly child: ChildProcess;
  private exited = false;
  private readonly exit: Promise<number | null>;

  constructor(readonly spec: ProcessSpec) {
    const log = openSync(spec.logFile, "a");
    // `ip netns exec` (and the shell joining the cgroups) exec the program itself, so the pid and signals are the program's.
    const [inHost, inHostArgs] = spec.host
      ? ["ip", ["netns", "exec", spec.host.namespace, spec.command, ...spec.args]]
      : [spec.command, spec.args];
    const { command, args } = spec.cgroups?.length ? inCgroups(spec.cgroups, inHost, inHostArgs) : { command: inHost, args: inHostArgs };
    this.child = start(command, args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ["ignore", log, log] });
    closeSync(log);
    this.exit = new Promise((resolve) =>
      this.child.once("exit", (code) => {
        this.exited = true;
        resolve(code);
      }),
    );
  }

  /** The program's process id (`ip netns exec` execs it). */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.spec.name}: ${this.spec.command} did not start`);
    return this.child.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  log(): string {
    return readFileSync(this.spec.logFile, "utf8");
  }

  /**
   * Sends `signal` for what the program does on it while it keeps running (HAProxy's master reloads on SIGUSR2,
   * dnsmasq re-reads its hosts files on SIGHUP); to end it, use stop().
   */
  signal(signal: NodeJS.Signals): void {
    if (this.exited) throw new Error(`${this.spec.name}: not running, cannot send ${signal}`);
    this.child.kill(signal);
  }

  /** Sends `signal` and waits (bounded) for the exit; SIGKILL if it does not come. */
  async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 5000): Promise<void> {
    if (this.exited) return;
    this.child.kill(signal);
    try {
      await waitFor(`${this.spec.name} to exit on ${signal}`, () => this.exited, timeoutMs, 20);
    } catch (error) {
      if (!(error instanceof PollTimeout)) throw error;
      this.child.kill("SIGKILL");
      await this.exit;
    }
  }

  /** For exit handlers, where nothing asynchronous runs. */
  killSync(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }
}
