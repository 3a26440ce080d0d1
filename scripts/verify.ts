/**
 * After `npm run deploy` (or against `npm start`'s local cluster): waits for
 * the load balancer's DNS name to resolve and for ports 80 and 5000 (and 9000,
 * when the stack publishes the stats page) to answer, then reports which AZs served the metadata app against the AZs the
 * cluster stack deployed its node groups in, in a one-line verdict.
 *
 * Usage: see VERIFY_USAGE (npm run verify -- --help).
 * Exit: 0 verified; 1 failed or degraded; 2 bad usage.
 */
import { join } from "node:path";
import { STACK_NAMES } from "../stacks/stack-names";
import { readOverlay } from "../config/load-settings";
import { readCliContext } from "../config/sources";
import { renderOverlay } from "../kubernetes/render-overlay";
import { RenderedOverlay } from "../kubernetes/rendered-overlay";
import { readCdktfJson } from "./lib/app-command";
import { PollTimeout, waitFor } from "../lib/poll";
import { PROJECT_ROOT } from "../lib/project-root";
import { httpGet, resolves } from "./lib/probes";
import { Progress } from "./lib/progress";
import { terraformOutputs } from "./lib/stack-state";
import { readCommandLine } from "./lib/cli-options";
import { VERIFY_COMMAND_LINE, verifyOptions, type VerifyOptions } from "./lib/verify-options";
import { excerpt, metadataJson, servedZone, verdict } from "./lib/verify-verdict";

interface Endpoints {
  readonly http: string;
  readonly metadata: string;
  /** Absent when the stats page has no load balancer (statsSourceRanges empty) or --url names the main one. */
  readonly stats?: string;
  readonly statsAuth?: { username: string; password: string };
}

class VerifyError extends Error {}

/**
 * The URLs on the host of --url: the http port is --url's own when it names one, else the Service's, and the
 * metadata port the Service's; the stats page has a load balancer of its own.
 */
function endpointsFromUrl(base: URL, overlay: string): Endpoints {
  const { publishedPorts } = new RenderedOverlay(renderOverlay(overlay));
  const at = (name: "http" | "metadata") => `http://${base.hostname}:${publishedPorts[name].port}/`;
  return { http: base.port ? `http://${base.host}/` : at("http"), metadata: at("metadata") };
}

/** The outputs of a synthesized stack; none when it was never deployed (or terraform is missing). */
function stackOutputs(stack: string): Record<string, { value: unknown }> {
  return terraformOutputs(join(PROJECT_ROOT, "cdktf.out", "stacks", stack)) ?? {};
}

function endpointsFromOutputs(): Endpoints {
  const outputs = stackOutputs(STACK_NAMES.workloads) as Record<string, { value: string }>;
  if (!outputs.http_url) {
    throw new VerifyError(
      `no outputs of ${STACK_NAMES.workloads} found: deploy first (npm run deploy), or pass --url http://<load balancer>`,
    );
  }
  return {
    http: outputs.http_url.value,
    metadata: outputs.metadata_url.value,
    stats: outputs.stats_url?.value,
    statsAuth: { username: outputs.stats_username.value, password: outputs.stats_password.value },
  };
}

/** The AZs whose nodes must answer: --azs, else what the deployed cluster stack reports, else unknown. */
function expectedAzs(options: VerifyOptions): readonly string[] | undefined {
  if (options.azs) return options.azs;
  const deployed = stackOutputs(STACK_NAMES.cluster).node_availability_zones?.value;
  return Array.isArray(deployed) ? deployed.map(String) : undefined;
}

/** Waits until `check` reports no problem, until the shared deadline, showing the last problem as progress. */
async function waitUntil(
  progress: Progress,
  step: string,
  deadline: number,
  intervalMs: number,
  check: () => Promise<string | undefined>,
): Promise<void> {
  try {
    await waitFor(
      step,
      async () => (await check()) ?? true,
      Math.max(0, deadline - Date.now()),
      intervalMs,
      (problem) => progress.update(`${step} (${problem})`),
    );
  } catch (error) {
    if (error instanceof PollTimeout) throw new VerifyError(`${step}: gave up after ${progress.elapsed()}: ${error.lastProblem}`);
    throw error;
  }
}

/** Checks one port's answer: undefined when it is as expected, else the problem; something else answering port 5000 stops at once. */
async function portProblem(name: string, url: string, auth: Endpoints["statsAuth"]): Promise<string | undefined> {
  const headers: Record<string, string> =
    name === "stats" && auth
      ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` }
      : name === "metadata"
        ? { accept: "application/json" }
        : {};
  try {
    const answer = await httpGet(url, 5000, headers);
    if (name === "metadata" && answer.status === 200 && typeof metadataJson(answer)?.availabilityZone !== "string") {
      throw new VerifyError(`${url} answered HTTP 200 with something that is not the metadata app's JSON: ${excerpt(answer.body)}`);
    }
    if (name === "metadata" && answer.status === 503) {
      // The app's own 503 says why (e.g. no IMDS); HAProxy's, while its checks have not passed yet, is worth waiting for.
      const reason = metadataJson(answer)?.reason;
      return typeof reason === "string" && reason ? `metadata app: ${reason}` : `${url} answered HTTP 503: ${excerpt(answer.body)}`;
    }
    const expected = name === "stats" && !auth ? [401] : [200];
    return expected.includes(answer.status) ? undefined : `${url} answered HTTP ${answer.status}`;
  } catch (error) {
    if (error instanceof VerifyError) throw error;
    return `${url}: ${(error as Error).message}`;
  }
}

async function main(): Promise<number> {
  const options = readCommandLine(VERIFY_COMMAND_LINE, ({ values }) => verifyOptions(values));
  // Only --url renders the overlay; the deployed stack's outputs need no settings (today's checks would judge a new synth).
  const endpoints = options.url
    ? endpointsFromUrl(options.url, readOverlay({ ...readCdktfJson().context, ...readCliContext(process.env) }, process.env))
    : endpointsFromOutputs();
  const expected = expectedAzs(options);
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const intervalMs = options.intervalSeconds * 1000;
  const progress = new Progress();
  const host = new URL(endpoints.http).hostname;

  await waitUntil(progress, `waiting for ${host} to resolve (a new load balancer's name takes minutes)`, deadline, intervalMs, async () =>
    (await resolves(host)) ? undefined : "not in DNS yet",
  );
  progress.done(`${host} resolves`);
  const checked = (["http", "metadata", "stats"] as const).flatMap((name) => {
    const url = endpoints[name];
    return url === undefined ? [] : [{ name, url }];
  });
  for (const { name, url } of checked) {
    await waitUntil(progress, `waiting for ${url}`, deadline, intervalMs, () => portProblem(name, url, endpoints.statsAuth));
    progress.done(`${url} answers`);
  }

  const zones = new Map<string, number>();
  for (let i = 0; i < options.samples; i++) {
    const zone = await httpGet(endpoints.metadata, 5000, { accept: "application/json" }).then(servedZone, (error: Error) => error.message);
    zones.set(zone, (zones.get(zone) ?? 0) + 1);
  }
  const ports = checked.map(({ url }) => new URL(url).port || "80");
  const { ok, line } = verdict(ports, zones, expected);
  console.log(line);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`\nFAILED: ${(error as Error).message}`);
    process.exit(error instanceof VerifyError ? 1 : 2);
  },
);
