import { writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { createServer } from "node:http";
import type { Endpoint } from "./endpoints";
import { localReadyEndpoints, usableEndpoints } from "./endpoints";
import type { NodePortRule } from "./nft-service-rules";
import { nftServiceRules } from "./nft-service-rules";
import type { ServiceName } from "./service-health-server";
import { serviceHealthServer } from "./service-health-server";
import { run } from "../../lib/run";

export interface KubeProxyModelConfig {
  /** The node's name (which endpoints are local) and address (where the node ports and the health check listen). */
  readonly nodeName: string;
  readonly address: string;
  readonly service: ServiceName;
  readonly externalTrafficPolicy: "Local" | "Cluster";
  readonly healthCheckNodePort: number;
  readonly ports: readonly NodePortRule[];
  /** Where the control plane model PUTs the Service's endpoints (the EndpointSlices kube-proxy watches). */
  readonly controlPort: number;
}

/**
 * kube-proxy on one node, in the node's network namespace: it keeps the
 * Service's endpoints with their conditions as the control plane sends them,
 * forwards the node ports to the usable ones (nftables DNAT, see
 * nftServiceRules) and answers the healthCheckNodePort from this node's ready
 * endpoints. Endpoint changes take effect when they arrive: the EndpointSlice
 * controller's and kube-proxy's own sync delays are not modelled.
 */
export class KubeProxyModel {
  private endpoints: Endpoint[] = [];
  private readonly servers: Server[] = [];

  constructor(private readonly config: KubeProxyModelConfig) {}

  async start(): Promise<void> {
    // The node forwards what it DNATs back out of the interface it came in on, and tells nobody to go around it.
    writeFileSync("/proc/sys/net/ipv4/ip_forward", "1");
    for (const iface of ["all", "default", "eth0"]) writeFileSync(`/proc/sys/net/ipv4/conf/${iface}/send_redirects`, "0");
    this.apply([]);
    // Conntrack's timeouts, set for a stand-in that is one address for every client (see SOURCE_PORTS in
    // nlb-haproxy-config.ts). An unanswered SYN's entry (DNAT included) lives 30 s instead of 120 s: above every gap
    // between a client's SYN retransmissions (1, 2, 4, 8 s), so those go where the first SYN went as on a real node,
    // and below the time the stand-in takes to come back to a source port. A connection that ended in a reset (a pod
    // died) stays in CLOSE 1 s instead of 10 s: a SYN from the same port meanwhile would be let through on that entry,
    // to the dead pod's address.
    writeFileSync("/proc/sys/net/netfilter/nf_conntrack_tcp_timeout_syn_sent", "30");
    writeFileSync("/proc/sys/net/netfilter/nf_conntrack_tcp_timeout_close", "1");
    const { nodeName } = this.config;
    await this.listen(
      serviceHealthServer(this.config.service, () => localReadyEndpoints(this.endpoints, nodeName)),
      this.config.healthCheckNodePort,
    );
    const control = createServer((request, response) => {
      let body = "";
      request.setEncoding("utf8");
      request.on("data", (chunk: string) => (body += chunk));
      request.on("end", () => {
        try {
          this.apply(JSON.parse(body) as Endpoint[]);
          response.writeHead(204).end();
        } catch (error) {
          console.error(error);
          response.writeHead(400).end(String(error));
        }
      });
    });
    await this.listen(control, this.config.controlPort);
  }

  stop(): void {
    this.servers.forEach((s) => s.close());
  }

  private apply(endpoints: Endpoint[]): void {
    const { address, ports, externalTrafficPolicy, nodeName } = this.config;
    const usable = usableEndpoints(endpoints, externalTrafficPolicy, nodeName);
    run("nft", ["-f", "-"], { input: nftServiceRules(address, ports, usable) });
    this.endpoints = endpoints;
    console.log(
      JSON.stringify({
        event: "endpoints",
        at: Date.now(),
        usable: usable.map((e) => e.address),
        localReady: localReadyEndpoints(endpoints, nodeName),
      }),
    );
  }

  private listen(server: Server, port: number): Promise<void> {
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, this.config.address, resolve);
    });
  }
}
