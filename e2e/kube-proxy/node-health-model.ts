import { get } from "node:http";
import { Server } from "node:http";
import { ReadinessProbe, ReadinessState } from "./readiness-probe";
import { ServiceName, serviceHealthServer } from "./service-health-server";

export interface NodeHealthModelConfig {
  /** The node's address: the probe asks the pod there, the health check port listens there. */
  readonly address: string;
  readonly probe: ReadinessProbe;
  readonly service: ServiceName;
  readonly healthCheckNodePort: number;
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
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly config: NodeHealthModelConfig) {
    this.state = new ReadinessState(config.probe);
  }

  async start(): Promise<void> {
    this.server = serviceHealthServer(this.config.service, () => (this.state.ready ? 1 : 0));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.config.healthCheckNodePort, this.config.address, resolve);
    });
    this.timer = setInterval(() => void this.probeOnce(), this.config.probe.periodSeconds * 1000);
    void this.probeOnce();
  }

  stop(): void {
    clearInterval(this.timer);
    this.server?.close();
  }

  private async probeOnce(): Promise<void> {
    const ok = await httpProbe(this.config.address, this.config.probe);
    if (this.state.record(ok)) {
      console.log(JSON.stringify({ event: "readiness", ready: this.state.ready, at: Date.now() }));
    }
  }
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
