import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { request } from "node:http";
import { requireTool } from "../../lib/require-tool";
import { waitFor } from "../../lib/poll";
import { freePort } from "./free-port";

/** A moto_server of this test's own, on a loopback port picked at run time. */
export interface MotoServer {
  readonly url: string;
  /** Empties every backend, as a fresh server would be (moto's POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Stops the server and waits for it to be gone (bounded). */
  stop(): Promise<void>;
}

function post(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Starts moto_server on 127.0.0.1 with AWS's managed IAM policies loaded
 * (MOTO_IAM_LOAD_MANAGED_POLICIES: the node and cluster roles attach them) and
 * waits, at most `startMs`, for it to answer.
 */
export async function startMotoServer(startMs = 90_000): Promise<MotoServer> {
  requireTool("moto_server");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-2000);
  });
  const server: MotoServer = {
    url,
    reset: async () => {
      const status = await post(`${url}/moto-api/reset`, 30_000);
      if (status !== 200) throw new Error(`moto reset answered ${status}`);
    },
    stop: () => stopProcess(child),
  };
  try {
    await waitFor(
      `moto_server on ${url}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${log}`);
        return post(`${url}/moto-api/reset`, 5_000).then(
          (status) => status === 200 || `answered ${status}`,
          (error: Error) => error.message,
        );
      },
      startMs,
      500,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
