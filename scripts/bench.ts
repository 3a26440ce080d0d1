/**
 * Throughput and latency of the data plane, side by side on one local cluster
 * (see harness/local-cluster.ts): wrk at a fixed concurrency against nginx direct,
 * HAProxy alone, the load balancer (HAProxy in TCP mode) plus HAProxy, and the
 * metadata app; with the CPU time per request of each process on the path
 * (from /proc/<pid>/stat), so the cost of each hop shows.
 * Needs root (network namespaces) and wrk.
 * Usage: npm run bench [-- --duration 10 --connections 64 --threads 1]
 */
import { cpus } from "node:os";
import { LocalCluster } from "../harness/local-cluster";
import { describeRuntime } from "../harness/pod-runtimes";
import { numberIn, readCommandLine } from "./lib/cli-options";
import { cpuSeconds, processTree } from "./lib/process-cpu";
import { requireTool } from "../lib/require-tool";
import { start } from "../lib/run";

const USAGE =
  "usage: npm run bench [-- --duration SECONDS] [--connections N] [--threads N]: wrk against the local cluster (root); defaults 10 s, 64, 1";

interface Options {
  readonly duration: string;
  readonly connections: string;
  readonly threads: string;
}

/** A path under test and the processes that serve its requests. */
interface BenchPath {
  readonly name: string;
  readonly url: string;
  readonly processes: ReadonlyArray<[string, number]>;
}

interface Result {
  readonly name: string;
  readonly rps: number;
  readonly p50: string;
  readonly p99: string;
  readonly errors: string;
  /** CPU microseconds per request, by process (wrk included). */
  readonly cpuPerRequest: Array<[string, number]>;
}

async function wrk(path: BenchPath, options: Options): Promise<Result> {
  const trees = path.processes.map(([label, pid]) => [label, processTree(pid)] as const);
  const before = trees.map(([, pids]) => cpuSeconds(pids));
  const child = start("wrk", [`-t${options.threads}`, `-c${options.connections}`, `-d${options.duration}s`, "--latency", path.url], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let wrkCpu = 0;
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  // wrk's own CPU, sampled every 200 ms while it runs (an exited process has no /proc entry): its last 200 ms may be missed.
  const pid = child.pid;
  const sampler = setInterval(() => (wrkCpu = pid === undefined ? wrkCpu : Math.max(wrkCpu, cpuSeconds([pid]))), 200);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`wrk ${path.url} failed: ${err}`);
  const after = trees.map(([, pids]) => cpuSeconds(pids));
  const requests = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const percentile = (p: string) => out.match(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m"))?.[1] ?? "?";
  const errors = [out.match(/Socket errors: .*/)?.[0], out.match(/Non-2xx or 3xx responses: \d+/)?.[0]].filter(Boolean).join("; ");
  const perRequest = (seconds: number) => (requests > 0 ? (seconds * 1e6) / requests : 0);
  return {
    name: path.name,
    rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0),
    p50: percentile("50"),
    p99: percentile("99"),
    errors,
    cpuPerRequest: [
      ...trees.map(([label], i) => [label, perRequest(after[i] - before[i])] as [string, number]),
      ["wrk", perRequest(wrkCpu)],
    ],
  };
}

async function main(): Promise<void> {
  const values = readCommandLine(
    {
      name: "bench",
      command: "npm run bench",
      usage: USAGE,
      options: {
        duration: { type: "string", default: "10" },
        connections: { type: "string", default: "64" },
        threads: { type: "string", default: "1" },
      },
    },
    ({ values }) => {
      numberIn("duration", values.duration, 1, 600, true);
      numberIn("connections", values.connections, 1, 10000, true);
      numberIn("threads", values.threads, 1, 64, true);
      return values;
    },
  );
  requireTool("wrk");
  const cluster = await LocalCluster.start();
  try {
    const node = cluster.nodes[0];
    const nginx = cluster.nginx.map((_, i): [string, number] => [`nginx${i + 1}`, cluster.nginxPid(i)]);
    const haproxies = cluster.nodes.map((n): [string, number] => [`haproxy${n.index + 1}`, n.pid("haproxy")]);
    const app: [string, number] = ["app1", node.pid("app")];
    const paths: BenchPath[] = [
      { name: "nginx direct", url: `http://${cluster.nginx[0].host.ip}:${cluster.inputs.overlay.nginxPort}/`, processes: [nginx[0]] },
      { name: "HAProxy -> nginx", url: cluster.nodeUrl(0, "http") + "/", processes: [haproxies[0], ...nginx] },
      {
        name: "LB -> HAProxy -> nginx",
        url: cluster.loadBalancerUrl("http") + "/",
        processes: [["lb", cluster.loadBalancerPid()], ...haproxies, ...nginx],
      },
      { name: "metadata app direct", url: `http://${node.pod.address}:${cluster.inputs.overlay.app.port}/`, processes: [app] },
      {
        name: `HAProxy -> metadata app (${cluster.inputs.overlay.haproxyPorts.metadata})`,
        url: cluster.nodeUrl(0, "metadata") + "/",
        processes: [haproxies[0], app],
      },
    ];
    const results: Result[] = [];
    for (const path of paths) results.push(await wrk(path, values));
    const base = results[0].rps;
    console.log(`\nwrk -t${values.threads} -c${values.connections} -d${values.duration}s --latency, on ${cpus().length} cores`);
    console.log(`the pods' runtimes: ${describeRuntime(cluster.runtimes.haproxy)}; ${describeRuntime(cluster.runtimes.node)}`);
    console.log("CPU per request: user + system time of each process on the path (/proc/<pid>/stat), in microseconds\n");
    console.log(
      `${"path".padEnd(32)}${"req/s".padStart(8)}${"p50".padStart(10)}${"p99".padStart(10)}${"vs nginx".padStart(10)}  CPU per request (us)`,
    );
    for (const r of results) {
      const ratio = `${Math.round((r.rps / base) * 100)}%`;
      const cpu = r.cpuPerRequest
        .filter(([, us]) => us >= 0.5)
        .map(([label, us]) => `${label} ${us.toFixed(0)}`)
        .join(", ");
      console.log(
        `${r.name.padEnd(32)}${r.rps.toFixed(0).padStart(8)}${r.p50.padStart(10)}${r.p99.padStart(10)}${ratio.padStart(10)}  ${cpu}${r.errors ? `; errors: ${r.errors}` : ""}`,
      );
    }
    const [haproxyPath, lbPath] = [results[1].rps, results[2].rps];
    console.log(
      `\nLB path / HAProxy path: ${Math.round((lbPath / haproxyPath) * 100)}% (goal >= 90%). "vs nginx" is information only: on few cores it shows how the CPU is shared.`,
    );
  } finally {
    await cluster.stop();
  }
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(1);
});
