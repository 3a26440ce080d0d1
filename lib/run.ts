/**
 * The one way the project runs another program (lint refuses `node:child_process` elsewhere).
 * Node's own child_process behind a few calls rather than a library such as execa: execa 10 needs Node 22 (the
 * project supports 20), and 9 is, like 10, an ES module only (jest here runs CommonJS) with a dozen dependencies of
 * its own (npm view execa); what it would add that matters here (a failure naming the command, its exit code and the
 * end of its stderr; one line naming what to install) is a few lines below.
 *
 * - `capture`: to completion with the output captured; never throws for the program's failure (for callers that
 *   read the status: a test asserting a refusal, a probe whose failure is an answer).
 * - `run` / `runAsync`: the same, but only success returns (stdout); a failure throws `CommandFailed`, naming the
 *   command, its exit code or signal and the tail of its stderr; a program not on PATH, what to install.
 * - `runAttached`: with the terminal attached (terraform, the cdktf CLI: plans, prompts, progress); returns the status.
 * - `start`: a process that outlives the call (servers, load generators), whose lifetime the caller owns.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { constants } from "node:os";
import { missingToolLine } from "./require-tool";

/** How a program is run. */
export interface RunOptions {
  /** Its working folder. @default this process's */
  readonly cwd?: string;
  /** Its whole environment. @default this process's */
  readonly env?: NodeJS.ProcessEnv;
  /** Written to its stdin. @default nothing (stdin is closed) */
  readonly input?: string;
  /** Killed (SIGTERM) after this long, which counts as a failure. @default no limit */
  readonly timeoutMs?: number;
  /** The most output kept of each stream; more fails the run. @default 64 MiB */
  readonly maxBuffer?: number;
}

/** What a finished program returned. */
export interface Finished {
  /** The command line, for messages. */
  readonly command: string;
  /** The exit code; null when it was stopped by a signal or did not start. */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it did not start or was cut short (not found, timed out, too much output). */
  readonly error?: Error;
}

/** The most output kept of each stream unless a caller says more (a rendered overlay is tens of kilobytes). */
const MAX_BUFFER = 64 * 1024 * 1024;

/** How many of stderr's last lines a failure quotes: the program's last words, without pages of progress before them. */
const STDERR_TAIL_LINES = 20;

/** A program that did not succeed; `status`, `stdout` and `stderr` are its own, for callers that read them. */
export class CommandFailed extends Error {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  constructor(readonly finished: Finished) {
    super(failureMessage(finished));
    this.name = "CommandFailed";
    ({ status: this.status, signal: this.signal, stdout: this.stdout, stderr: this.stderr } = finished);
  }
}

/** Runs `command` to completion with its output captured; reports failure in the result, never by throwing. */
export function capture(command: string, args: readonly string[], options: RunOptions = {}): Finished {
  const { cwd, env, input, timeoutMs, maxBuffer = MAX_BUFFER } = options;
  return finished(command, args, spawnSync(command, [...args], { cwd, env, input, timeout: timeoutMs, maxBuffer, encoding: "utf8" }));
}

/** Runs `command` to completion; its stdout when it exits 0, else a CommandFailed. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): string {
  return succeeded(capture(command, args, options)).stdout;
}

/** `capture` without blocking the event loop (a server the caller runs keeps answering meanwhile). */
export function captureAsync(command: string, args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    const output = { stdout: "", stderr: "" };
    const limit = options.maxBuffer ?? MAX_BUFFER;
    // The errors spawnSync would report, with its codes, so that both read the same in a message.
    let error: Error | undefined;
    const stop = (reason: Error) => {
      error ??= reason;
      child.kill("SIGTERM");
    };
    for (const stream of ["stdout", "stderr"] as const) {
      child[stream].setEncoding("utf8");
      child[stream].on("data", (chunk: string) => {
        output[stream] += chunk;
        if (output[stream].length > limit) stop(Object.assign(new Error(`${stream} maxBuffer length exceeded`), { code: "ENOBUFS" }));
      });
    }
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () => stop(Object.assign(new Error(`timed out after ${options.timeoutMs} ms`), { code: "ETIMEDOUT" })),
            options.timeoutMs,
          );
    child.on("error", (reason) => (error ??= reason));
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      const started = child.pid !== undefined;
      resolve({ command: commandLine(command, args), status: started ? status : null, signal, ...output, error });
    });
    // A program that exits without reading its input closes the pipe: that is its business, not a failure here.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input);
  });
}

/** `run` without blocking the event loop. */
export async function runAsync(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  return succeeded(await captureAsync(command, args, options)).stdout;
}

/**
 * Runs `command` with this process's stdin, stdout and stderr (what it prints reaches the terminal as it comes), and
 * returns its exit status (a signal counts as 128 + its number, as a shell says). Throws only when it cannot start.
 */
export function runAttached(command: string, args: readonly string[], options: Omit<RunOptions, "input" | "maxBuffer"> = {}): number {
  const result = spawnSync(command, [...args], { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, stdio: "inherit" });
  if (result.error && result.status === null && result.signal === null) throw new CommandFailed(finished(command, args, result));
  return result.status ?? 128 + (result.signal === null ? 0 : (constants.signals[result.signal] ?? 0));
}

/**
 * Starts a program and returns at once: for a process that runs beside the caller (a server, a load generator, a
 * stream to read), which the caller stops. Node's `spawn` itself, with its typing of the streams each `stdio` gives;
 * a program that cannot start emits `error` on the returned process.
 */
export const start: typeof spawn = spawn;

/** `finished` unchanged when it succeeded; a CommandFailed otherwise. */
export function succeeded(result: Finished): Finished {
  if (result.status === 0 && result.error === undefined) return result;
  throw new CommandFailed(result);
}

/** The command line as a reader would type it (arguments with spaces or quotes quoted; very long ones cut). */
export function commandLine(command: string, args: readonly string[]): string {
  const shown = (word: string) => {
    const cut = word.length > 80 ? `${word.slice(0, 77)}...` : word;
    return /^[\w@%+=:,./-]+$/.test(cut) ? cut : JSON.stringify(cut);
  };
  return [command, ...args].map(shown).join(" ");
}

function finished(command: string, args: readonly string[], result: SpawnSyncReturns<string | Buffer>): Finished {
  return {
    command: commandLine(command, args),
    status: result.status,
    signal: result.signal,
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? ""),
    error: result.error,
  };
}

/** One line naming the command and how it failed, then the tail of its stderr (or stdout, when stderr is empty). */
function failureMessage(result: Finished): string {
  const code = result.error && "code" in result.error ? result.error.code : undefined;
  const program = result.command.split(" ")[0];
  if (code === "ENOENT" && !program.includes("/")) return missingToolLine(program);
  const how =
    code === "ETIMEDOUT"
      ? `did not finish in time (stopped by ${result.signal ?? "SIGTERM"})`
      : code === "ENOBUFS"
        ? "printed more than its output limit"
        : result.error && result.status === null && result.signal === null
          ? `could not start: ${result.error.message}`
          : result.signal !== null
            ? `was stopped by ${result.signal}`
            : `exited with ${result.status}`;
  const said = (result.stderr.trim() || result.stdout.trim()).split("\n");
  const tail = said.length > STDERR_TAIL_LINES ? ["...", ...said.slice(-STDERR_TAIL_LINES)] : said;
  return `${result.command} ${how}${said.join("").trim() === "" ? "" : `:\n${tail.join("\n")}`}`;
}
