/**
 * Throughput and latency of the data plane, side by side on one local cluster
 * (see e2e/local-cluster.ts): wrk at a fixed concurrency against nginx direct,
 * HAProxy alone, the load balancer stand-in plus HAProxy, and the metadata app.
 * Needs root (network namespaces) and wrk.
 * Usage: npm run bench [-- --duration 10 --connections 64 --threads 1]
 */
import { spawnSync } from "node:child_process";
import { LocalCluster } from "../e2e/local-cluster";
import { numberIn, parseOptions, UsageError } from "./lib/cli-options";
import { requireTool } from "./lib/require-tool";

const USAGE = "usage: npm run bench [-- --duration SECONDS] [--connections N] [--threads N]: wrk against the local cluster (root); defaults 10 s, 64, 1";

interface Result {
  readonly name: string;
  readonly url: string;
  readonly rps: number;
  readonly p50: string;
  readonly p99: string;
  readonly errors: string;
}

function wrk(name: string, url: string, options: { duration: string; connections: string; threads: string }): Result {
  const run = spawnSync("wrk", [`-t${options.threads}`, `-c${options.connections}`, `-d${options.duration}s`, "--latency", url], {
    encoding: "utf8", timeout: (Number(options.duration) + 30) * 1000,
  });
  if (run.status !== 0) throw new Error(`wrk ${url} failed: ${run.stderr}`);
  const out = run.stdout;
  const percentile = (p: string) => out.match(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m"))?.[1] ?? "?";
  const errors = [out.match(/Socket errors: .*/)?.[0], out.match(/Non-2xx or 3xx responses: \d+/)?.[0]].filter(Boolean).join("; ");
  return { name, url, rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0), p50: percentile("50"), p99: percentile("99"), errors };
}

async function main(): Promise<void> {
  const values = parseOptions("npm run bench", process.argv.slice(2), {
    duration: { type: "string", default: "10" }, connections: { type: "string", default: "64" }, threads: { type: "string", default: "1" },
  }) as { help?: boolean; duration: string; connections: string; threads: string };
  if (values.help) {
    console.log(USAGE);
    return;
  }
  numberIn("duration", values.duration, 1, 600, true);
  numberIn("connections", values.connections, 1, 10000, true);
  numberIn("threads", values.threads, 1, 64, true);
  requireTool("wrk");
  const cluster = await LocalCluster.start();
  try {
    const nginx = `http://${cluster.nginx[0].host.ip}:${cluster.inputs.nginxPort}/`;
    const runs: Array<[string, string]> = [
      ["nginx direct", nginx],
      ["HAProxy -> nginx", cluster.nodeUrl(0, "http") + "/"],
      ["LB stand-in -> HAProxy -> nginx", cluster.loadBalancerUrl("http") + "/"],
      ["metadata app direct", `http://${cluster.nodes[0].host.ip}:${cluster.inputs.appPort}/`],
      ["HAProxy -> metadata app (5000)", cluster.nodeUrl(0, "metadata") + "/"],
    ];
    const results = runs.map(([name, url]) => wrk(name, url, values as never));
    const base = results[0].rps;
    console.log(`\nwrk -t${values.threads} -c${values.connections} -d${values.duration}s --latency, on ${require("node:os").cpus().length} cores\n`);
    console.log(`${"path".padEnd(34)}${"req/s".padStart(10)}${"p50".padStart(10)}${"p99".padStart(10)}${"vs nginx".padStart(10)}  errors`);
    for (const r of results) {
      const ratio = `${Math.round((r.rps / base) * 100)}%`;
      console.log(`${r.name.padEnd(34)}${r.rps.toFixed(0).padStart(10)}${r.p50.padStart(10)}${r.p99.padStart(10)}${ratio.padStart(10)}  ${r.errors || "none"}`);
    }
  } finally {
    await cluster.stop();
  }
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
