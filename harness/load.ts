import { get } from "node:http";

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
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Stop starting requests after this long. */
  readonly durationMs: number;
  /** And never more than this many requests in all. */
  readonly maxRequests?: number;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
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
    while (Date.now() < deadline && samples.length < maxRequests) {
      samples.push(await once(options.url, options.timeoutMs ?? 5000));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return samples.sort((a, b) => a.startedAt - b.startedAt);
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
