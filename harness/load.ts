import { get } from "node:http";
import { join } from "node:path";
import { start } from "../lib/run";

export interface Sample {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
  readonly status?: number;
  readonly error?: string;
  readonly headers?: Record<string, string | string[] | undefined>;
}

export interface LoadOptions {
  readonly url: string;
  /** Called once, when the first request has ended (answered or failed). */
  readonly onFirstAnswer?: () => void;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Stop starting requests after this long. */
  readonly durationMs: number;
  /** And never more than this many requests in all. */
  readonly maxRequests?: number;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
  /** Stops starting requests once aborted (before `durationMs` ends). */
  readonly stop?: AbortSignal;
}

/**
 * Steady load for failover tests: `concurrency` loops of sequential GETs, each
 * on a new connection (so the load balancer picks a target per request), bounded
 * in time and count. A request is ok when it answers 200.
 */
export async function runLoad(options: LoadOptions): Promise<Sample[]> {
  const samples: Sample[] = [];
  const deadline = Date.now() + options.durationMs;
  const maxRequests = options.maxRequests ?? 100_000;
  const loop = async () => {
    while (Date.now() < deadline && samples.length < maxRequests && !options.stop?.aborted) {
      samples.push(await once(options.url, options.timeoutMs ?? 5000));
      if (samples.length === 1) options.onFirstAnswer?.();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return samples.sort((a, b) => a.startedAt - b.startedAt);
}

/** `count` requests at once, each on a new connection: which endpoints a node forwards to at one moment. */
export function burst(url: string, count: number, timeoutMs: number): Promise<Sample[]> {
  return Promise.all(Array.from({ length: count }, () => once(url, timeoutMs)));
}

function once(url: string, timeoutMs: number): Promise<Sample> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on("end", () =>
        resolve({
          startedAt,
          endedAt: Date.now(),
          ok: response.statusCode === 200,
          status: response.statusCode,
          headers: response.headers,
        }),
      );
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve({ startedAt, endedAt: Date.now(), ok: false, error: error.message }));
  });
}

/** The samples once the load ends, and `started`: resolves when the first request has ended. */
export type LoadInChild = Promise<Sample[]> & { readonly started: Promise<void> };

/**
 * `runLoad` in a process of its own, so that what the caller's process does meanwhile (the harness's control plane
 * runs `ip` and `nft` synchronously) never delays a request's timing; `stop` ends it early. The child prints one line
 * when its first request has ended (a loaded machine can take seconds to start it), then the samples.
 */
export function runLoadInChild(options: Omit<LoadOptions, "stop" | "onFirstAnswer">, stop?: AbortSignal): LoadInChild {
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const samples = new Promise<Sample[]>((resolve, reject) => {
    const child = start(process.execPath, ["--import", "tsx", join(__dirname, "load-main.ts"), JSON.stringify(options)], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (out.includes("\n")) markStarted();
    });
    const end = () => child.stdin.end("stop\n");
    if (stop?.aborted) end();
    else stop?.addEventListener("abort", end, { once: true });
    child.on("error", reject);
    child.on("exit", (code) => {
      stop?.removeEventListener("abort", end);
      markStarted();
      if (code === 0) resolve(JSON.parse(out.slice(out.indexOf("\n") + 1)) as Sample[]);
      else reject(new Error(`the load process exited with ${code}`));
    });
  });
  return Object.assign(samples, { started });
}
