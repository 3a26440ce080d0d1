import type { Server } from "node:http";
import { createServer } from "node:http";

/** The Service a health check port belongs to. */
export interface ServiceName {
  readonly namespace: string;
  readonly name: string;
}

/**
 * kube-proxy's health check server for one Service with externalTrafficPolicy
 * Local (kubernetes/kubernetes pkg/proxy/healthcheck/service_health.go): on
 * any path, 200 while the node has at least one ready local endpoint and 503
 * otherwise, with a JSON body naming the Service and the count.
 */
export function serviceHealthServer(service: ServiceName, localEndpoints: () => number): Server {
  return createServer((request, response) => {
    request.resume();
    const count = localEndpoints();
    response.writeHead(count > 0 ? 200 : 503, { "content-type": "application/json", "x-content-type-options": "nosniff" });
    response.end(JSON.stringify({ service, localEndpoints: count, serviceProxyHealthy: true }, null, 2));
  });
}
