import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { LocalCluster } from "../../harness/local-cluster";
import type { Sample } from "../../harness/load";

/**
 * One local cluster for the calling file or describe block: started before its
 * tests (and handed to `use`), stopped after them, also when they fail.
 */
export function withLocalCluster(use: (cluster: LocalCluster) => void, objects?: () => readonly KubernetesObject[]): void {
  let started: LocalCluster | undefined;
  beforeAll(async () => {
    started = await LocalCluster.start(objects?.());
    use(started);
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  }, 30_000);
}

export function basicAuth(cluster: LocalCluster): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${cluster.stats.username}:${cluster.stats.password}`).toString("base64")}` };
}

/** HAProxy's stats as CSV rows, from node `index`'s stats page. */
export async function statsRows(cluster: LocalCluster, index: number): Promise<Array<Record<string, string>>> {
  const csv = await (await fetch(`${cluster.nodeUrl(index, "stats")}/;csv`, { headers: basicAuth(cluster) })).text();
  const [header, ...lines] = csv.trim().split("\n");
  const names = header.replace(/^# /, "").split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [names[i], value])));
}

/** The nginx backend's health-check timing, read from haproxy.cfg: a dead server is marked down within inter * fall + timeout check. */
export function nginxCheckWindowMs(haproxyCfg: string): number {
  const backend = haproxyCfg.split(/^backend nginx$/m)[1].split(/^backend /m)[0];
  const checks = /inter (\d+)s fall (\d+)/.exec(backend);
  const timeout = /timeout check (\d+)s/.exec(haproxyCfg);
  if (!checks || !timeout) throw new Error('haproxy.cfg: backend nginx names no "inter <n>s fall <n>", or no "timeout check <n>s"');
  return (Number(checks[1]) * Number(checks[2]) + Number(timeout[1])) * 1000;
}

export function summary(samples: Sample[]): string {
  const failed = samples.filter((s) => !s.ok);
  const reasons = [...new Set(failed.map((s) => s.error ?? `HTTP ${s.status}`))].join(", ");
  return `${samples.length} requests, ${failed.length} failed${reasons ? ` (${reasons})` : ""}`;
}

/** Each failed request's start after `from`, its error and how long it took (the first 10), for a run's log; "" when none failed. */
export function failedAt(samples: readonly Sample[], from: number): string {
  const failed = samples.filter((s) => !s.ok);
  const shown = failed
    .slice(0, 10)
    .map((s) => `+${((s.startedAt - from) / 1000).toFixed(1)} s ${s.error ?? s.status} (${s.endedAt - s.startedAt} ms)`);
  return failed.length === 0 ? "" : `; failed at ${shown.join(", ")}`;
}
