import { get } from "node:http";
import { Server } from "node:http";
import { createServer as createTcpServer, Server as TcpServer } from "node:net";
import { EndpointsView } from "./endpoints-view";
import { ReadinessProbe, ReadinessState } from "./readiness-probe";
import { ServiceName, serviceHealthServer } from "./service-health-server";

export interface NodeHealthModelConfig {
  /** The node's address: the probe asks the pod there, the health check port listens there. */
  readonly address: string;
  readonly probe: ReadinessProbe;
  readonly service: ServiceName;
  readonly healthCheckNodePort: number;
  /** With externalTrafficPolicy Cluster: what kube-proxy's forwarder on this node needs to know of every pod. */
  readonly cluster?: ClusterEndpointsConfig;
}

/** kube-proxy's view of the other nodes' pods, served to the node's forwarder as an HAProxy agent check. */
export interface ClusterEndpointsConfig {
  /** Every node (this one included): its name and the address its kubelet's reports come from. */
  readonly nodes: ReadonlyArray<{ readonly name: string; readonly address: string }>;
  readonly thisNode: string;
  /** Port of the agent: it reads a node name and answers "up" or "down". */
  readonly agentPort: number;
  /** kube-controller-manager's node monitor grace period. */
  readonly nodeMonitorGracePeriodSeconds: number;
}

/**
 * One node's side of the load balancer's health check: the kubelet probing
 * the local HAProxy pod's readiness, and kube-proxy's healthCheckNodePort
 * answering from it. Endpoint propagation (kubelet -> API server ->
 * EndpointSlice -> kube-proxy) is taken as immediate.
 */
export class NodeHealthModel {
  readonly state: ReadinessState;
  private server: Server | undefined;
  private agent: TcpServer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private peerTimer: NodeJS.Timeout | undefined;

  constructor(private readonly config: NodeHealthModelConfig) {
    this.state = new ReadinessState(config.probe);
  }

  async start(): Promise<void> {
    const server = serviceHealthServer(this.config.service, () => (this.state.ready ? 1 : 0));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.config.healthCheckNodePort, this.config.address, resolve);
    });
    this.timer = setInterval(() => void this.probeOnce(), this.config.probe.periodSeconds * 1000);
    void this.probeOnce();
    if (this.config.cluster) await this.startEndpointsView(this.config.cluster);
  }

  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.peerTimer);
    this.server?.close();
    this.agent?.close();
  }

  /**
   * Polls every node's readiness once a second (about how fast an endpoint
   * change reaches kube-proxy) and answers the forwarder's agent checks.
   */
  private async startEndpointsView(cluster: ClusterEndpointsConfig): Promise<void> {
    const view = new EndpointsView(cluster.nodeMonitorGracePeriodSeconds * 1000);
    const poll = () => {
      for (const node of cluster.nodes) {
        if (node.name === cluster.thisNode) {
          view.report(node.name, this.state.ready, Date.now());
          continue;
        }
        void readyStatus(node.address, this.config.healthCheckNodePort).then((ready) => {
          if (ready !== undefined) view.report(node.name, ready, Date.now());
        });
      }
    };
    poll();
    this.peerTimer = setInterval(poll, 1000);
    const agent = createTcpServer((socket) => {
      socket.setEncoding("utf8");
      socket.once("data", (name: string) => socket.end(view.ready(name.trim(), Date.now()) ? "up\n" : "down\n"));
      socket.on("error", () => socket.destroy());
    });
    this.agent = agent;
    await new Promise<void>((resolve, reject) => {
      agent.once("error", reject);
      agent.listen(cluster.agentPort, this.config.address, resolve);
    });
  }

  private async probeOnce(): Promise<void> {
    const ok = await httpProbe(this.config.address, this.config.probe);
    if (this.state.record(ok)) {
      console.log(JSON.stringify({ event: "readiness", ready: this.state.ready, at: Date.now() }));
    }
  }
}

/** Whether a node's pod is ready, from its health check port; undefined when the node does not answer. */
function readyStatus(address: string, port: number): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    const request = get({ host: address, port, path: "/healthz", agent: false, timeout: 500 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve(undefined));
  });
}

/** The kubelet's HTTP probe: success is a status from 200 to 399 within the timeout. */
export function httpProbe(host: string, probe: Pick<ReadinessProbe, "path" | "port" | "timeoutSeconds">): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get({ host, port: probe.port, path: probe.path, agent: false, timeout: probe.timeoutSeconds * 1000 }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status >= 200 && status < 400);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve(false));
  });
}
