import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { ImdsClient } from "./imds-client.mts";
import { MetadataCache } from "./instance-metadata.mts";
import { CONTENT_TYPES, negotiate, render } from "./render.mts";
import type { Format, Report } from "./render.mts";

export interface MetadataServerOptions {
  /** Base URL of the instance metadata service. */
  readonly imdsEndpoint: string;
  /** Timeout of each metadata call, in milliseconds. */
  readonly imdsTimeoutMs?: number;
  /** Pod name, from the Downward API. */
  readonly podName?: string;
  /** Node name, from the Downward API. */
  readonly nodeName?: string;
}

/** The paths the app answers: HAProxy's health check of the app and the kubelet's probes ask `health`. */
export const ROUTES = { report: "/", health: "/healthz" } as const;

const HINT =
  "Pods reach the instance metadata service only when the node's IMDS hop limit is 2 or more " +
  "(setting imdsHopLimit); outside EC2 there is no metadata service at all.";

/**
 * GET / answers which node, AZ and region served the request; GET /healthz
 * answers whether the process is alive (never whether IMDS is, or an IMDS
 * outage would restart the pod for nothing).
 */
export function createMetadataServer(options: MetadataServerOptions): Server {
  const metadata = new MetadataCache(new ImdsClient({ endpoint: options.imdsEndpoint, timeoutMs: options.imdsTimeoutMs }));
  const pod = { podName: options.podName ?? "unknown", nodeName: options.nodeName ?? "unknown" };
  // Rendered once per format after the first successful read (only a success is kept here): the hot path only writes bytes.
  const bodies = new Map<Format, string>();

  const answer = (response: ServerResponse, status: number, format: Format, body: string): void => {
    response.writeHead(status, { "content-type": CONTENT_TYPES[format], "cache-control": "no-store" });
    response.end(body);
  };

  const serveReport = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const format = negotiate(request.headers.accept);
    const ready = bodies.get(format);
    if (ready !== undefined) return answer(response, 200, format, ready);
    try {
      const report: Report = { ...(await metadata.get()), ...pod };
      const body = render(report, format);
      bodies.set(format, body);
      answer(response, 200, format, body);
    } catch (error) {
      const reason = (error as Error).message;
      answer(response, 503, "json", JSON.stringify({ error: "instance metadata unavailable", reason, hint: HINT }) + "\n");
    }
  };

  return createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD", "content-type": CONTENT_TYPES.json });
      response.end(JSON.stringify({ error: "method not allowed" }) + "\n");
    } else if (path === ROUTES.health) {
      answer(response, 200, "text", "ok\n");
    } else if (path === ROUTES.report) {
      void serveReport(request, response);
    } else {
      answer(response, 404, "json", JSON.stringify({ error: "not found", routes: Object.values(ROUTES) }) + "\n");
    }
  });
}
