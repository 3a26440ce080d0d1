/**
 * After `npm run deploy`: waits for the load balancer's DNS name to resolve and
 * for ports 80 and 5000 (and 9000, when the stack publishes the stats page) to
 * answer, then reports which AZs served the metadata app and a one-line verdict.
 *
 * Usage: npm run verify [-- --url http://HOST] [--timeout SECONDS] [--interval SECONDS] [--samples N]
 * Without --url it reads the workloads stack's outputs (terraform output).
 * Exit: 0 verified; 1 failed or degraded; 2 bad usage.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { STACK_NAMES } from "../config/constants";
import { loadSettings } from "../config/load-settings";
import { readCliContext } from "../config/cli-context";
import { findObject } from "../kubernetes/kubernetes-object";
import { renderOverlay } from "../kubernetes/render-overlay";
import { PROJECT_ROOT, readCdktfJson } from "./lib/app-command";
import { httpGet, resolves } from "./lib/probes";
import { Progress } from "./lib/progress";

interface Endpoints {
  readonly http: string;
  readonly metadata: string;
  /** Absent when the stats page has no load balancer (statsSourceRanges empty) or --url names the main one. */
  readonly stats?: string;
  readonly statsAuth?: { username: string; password: string };
}

class VerifyError extends Error {}

function endpointsFromUrl(url: string, overlay: string): Endpoints {
  const base = new URL(url);
  const ports = findObject(renderOverlay(overlay), "Service", "haproxy").spec.ports as Array<{ name: string; port: number }>;
  const at = (name: string) => `${base.protocol}//${base.hostname}:${ports.find((p) => p.name === name)!.port}/`;
  return { http: at("http"), metadata: at("metadata") };
}

function endpointsFromOutputs(): Endpoints {
  const dir = join(PROJECT_ROOT, "cdktf.out", "stacks", STACK_NAMES.workloads);
  const result = spawnSync("terraform", [`-chdir=${dir}`, "output", "-json"], { encoding: "utf8" });
  const outputs = result.status === 0 ? JSON.parse(result.stdout || "{}") : {};
  if (!outputs.http_url) {
    throw new VerifyError(`no outputs of ${STACK_NAMES.workloads} found: deploy first (npm run deploy), or pass --url http://<load balancer>`);
  }
  return {
    http: outputs.http_url.value, metadata: outputs.metadata_url.value, stats: outputs.stats_url?.value,
    statsAuth: { username: outputs.stats_username.value, password: outputs.stats_password.value },
  };
}

async function waitUntil(progress: Progress, step: string, deadline: number, intervalMs: number, check: () => Promise<string | undefined>): Promise<void> {
  let lastProblem = "";
  for (;;) {
    const problem = await check();
    if (problem === undefined) return;
    lastProblem = problem;
    if (Date.now() + intervalMs > deadline) throw new VerifyError(`${step}: gave up after ${progress.elapsed()}: ${lastProblem}`);
    progress.update(`${step} (${lastProblem})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Checks one port's answer: undefined when it is as expected, else the problem. */
async function portProblem(name: string, url: string, auth: Endpoints["statsAuth"]): Promise<string | undefined> {
  const headers: Record<string, string> = name === "stats" && auth
    ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` } : {};
  try {
    const answer = await httpGet(url, 5000, headers);
    if (name === "metadata" && answer.status === 503) return `metadata app: ${JSON.parse(answer.body).reason}`;
    const expected = name === "stats" && !auth ? [401] : [200];
    return expected.includes(answer.status) ? undefined : `${url} answered HTTP ${answer.status}`;
  } catch (error) {
    return `${url}: ${(error as Error).message}`;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: "string" }, timeout: { type: "string", default: "900" }, interval: { type: "string", default: "5" },
      samples: { type: "string", default: "30" },
    },
  });
  const settings = loadSettings({ ...readCdktfJson().context, ...readCliContext(process.env) }, process.env);
  const endpoints = values.url ? endpointsFromUrl(values.url, settings.overlay) : endpointsFromOutputs();
  const deadline = Date.now() + Number(values.timeout) * 1000;
  const intervalMs = Number(values.interval) * 1000;
  const progress = new Progress();
  const host = new URL(endpoints.http).hostname;

  await waitUntil(progress, `waiting for ${host} to resolve (a new load balancer's name takes minutes)`, deadline, intervalMs,
    async () => (await resolves(host) ? undefined : "not in DNS yet"));
  progress.done(`${host} resolves`);
  const names = (["http", "metadata", "stats"] as const).filter((name) => endpoints[name] !== undefined);
  for (const name of names) {
    const url = endpoints[name]!;
    await waitUntil(progress, `waiting for ${url}`, deadline, intervalMs, () => portProblem(name, url, endpoints.statsAuth));
    progress.done(`${url} answers`);
  }

  const zones = new Map<string, number>();
  for (let i = 0; i < Number(values.samples); i++) {
    const answer = await httpGet(endpoints.metadata, 5000, { accept: "application/json" });
    const zone = answer.status === 200 ? JSON.parse(answer.body).availabilityZone : `HTTP ${answer.status}`;
    zones.set(zone, (zones.get(zone) ?? 0) + 1);
  }
  const served = [...zones.entries()].sort().map(([zone, count]) => `${zone} (${count})`).join(", ");
  const azs = [...zones.keys()].filter((zone) => !zone.startsWith("HTTP"));
  const ok = azs.length >= settings.azCount && azs.length === zones.size;
  const ports = names.map((name) => new URL(endpoints[name]!).port || "80");
  console.log(`${ok ? "OK" : "DEGRADED"}: ports ${ports.slice(0, -1).join(", ")} and ${ports.at(-1)} answer; `
    + `${azs.length} of ${settings.azCount} AZs served port ${ports[1]}: ${served}`);
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(`\nFAILED: ${(error as Error).message}`);
  process.exit(error instanceof VerifyError ? 1 : 2);
});
