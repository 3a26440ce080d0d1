import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";

/** What a finished command returned. */
export interface CommandResult {
  readonly code: number | null;
  readonly output: string;
}

/** Commands still running, so that a failed test can stop them all (stopCommands in afterAll). */
const running = new Set<ChildProcess>();

/**
 * Runs a command without blocking the event loop (the moto front answers in
 * this process), with stdout and stderr in one text; it is killed (its
 * process group: terraform's provider, npm's children) after `timeoutMs`.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    running.add(child);
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => {
      killGroup(child, "SIGTERM");
      setTimeout(() => killGroup(child, "SIGKILL"), 10_000).unref();
      output += `\n(killed after ${options.timeoutMs / 1000} s)`;
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, output });
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops every command runCommand started that is still running. */
export function stopCommands(): void {
  for (const child of running) killGroup(child, "SIGKILL");
}
