import { lookup } from "node:dns/promises";
import { request } from "node:http";

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** One GET on a new connection, bounded by `timeoutMs`; rejects with a readable reason. */
export function httpGet(url: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", agent: false, timeout: timeoutMs, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (body.length < 65536) body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error: NodeJS.ErrnoException) => reject(new Error(error.code ?? error.message)));
    req.end();
  });
}

/** Whether `host` resolves yet (an IP address always does). */
export async function resolves(host: string): Promise<boolean> {
  return lookup(host).then(
    () => true,
    () => false,
  );
}
