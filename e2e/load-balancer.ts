import { createServer as createHttpServer, get, Server as HttpServer } from "node:http";
import { connect, createServer, Server, Socket } from "node:net";
import { HealthCheckSettings } from "./harness-inputs";

export interface LoadBalancerConfig {
  /** Address the listeners bind. */
  readonly host: string;
  /** Listener port → target port. */
  readonly listeners: ReadonlyArray<{ port: number; targetPort: number }>;
  /** Target addresses (the nodes). */
  readonly targets: readonly string[];
  /** Where and how often targets are checked. */
  readonly healthCheck: HealthCheckSettings & { port: number; path: string };
  /** Port of the admin endpoint (GET /targets). */
  readonly adminPort: number;
}

export type TargetState = "healthy" | "unhealthy";

export interface TargetStatus {
  readonly address: string;
  state: TargetState;
  passes: number;
  failures: number;
  connections: number;
  /** When the state last changed (ms since the epoch). */
  changedAt: number;
}

/**
 * A stand-in for the AWS Network Load Balancer in front of the nodes: TCP
 * forwarding per connection, round-robin over healthy targets, HTTP health
 * checks with the Service's interval, timeout and thresholds, and, as an NLB
 * does, "fail open" to every target when none is healthy. Targets start
 * healthy, as registered targets of a running load balancer are.
 */
export class LoadBalancer {
  readonly targets: TargetStatus[];
  private readonly servers: Array<Server | HttpServer> = [];
  private readonly sockets = new Set<Socket>();
  private timer: NodeJS.Timeout | undefined;
  private next = 0;

  constructor(private readonly config: LoadBalancerConfig) {
    this.targets = config.targets.map((address) => ({ address, state: "healthy", passes: 0, failures: 0, connections: 0, changedAt: Date.now() }));
  }

  async start(): Promise<void> {
    for (const listener of this.config.listeners) {
      this.servers.push(await listen(createServer((client) => this.forward(client, listener.targetPort)), listener.port, this.config.host));
    }
    const admin = createHttpServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(this.targets));
    });
    this.servers.push(await listen(admin, this.config.adminPort, this.config.host));
    this.timer = setInterval(() => this.checkAll(), this.config.healthCheck.intervalSeconds * 1000);
    this.checkAll();
  }

  stop(): void {
    clearInterval(this.timer);
    this.sockets.forEach((socket) => socket.destroy());
    this.servers.forEach((server) => server.close());
  }

  private pick(): TargetStatus {
    const healthy = this.targets.filter((t) => t.state === "healthy");
    const pool = healthy.length > 0 ? healthy : this.targets;
    this.next = (this.next + 1) % pool.length;
    return pool[this.next];
  }

  private forward(client: Socket, targetPort: number): void {
    const target = this.pick();
    target.connections += 1;
    const upstream = connect(targetPort, target.address);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      // A refused or reset target resets the client's connection too, as an NLB's would be.
      socket.on("error", () => {
        client.resetAndDestroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }

  private checkAll(): void {
    for (const target of this.targets) {
      void this.check(target).then((ok) => this.record(target, ok));
    }
  }

  private check(target: TargetStatus): Promise<boolean> {
    const { port, path, timeoutSeconds } = this.config.healthCheck;
    return new Promise((resolve) => {
      const request = get({ host: target.address, port, path, timeout: timeoutSeconds * 1000, agent: false }, (response) => {
        response.resume();
        resolve((response.statusCode ?? 500) >= 200 && (response.statusCode ?? 500) < 400);
      });
      request.on("timeout", () => request.destroy());
      request.on("error", () => resolve(false));
    });
  }

  private record(target: TargetStatus, ok: boolean): void {
    const { healthyThreshold, unhealthyThreshold } = this.config.healthCheck;
    target.passes = ok ? target.passes + 1 : 0;
    target.failures = ok ? 0 : target.failures + 1;
    const state: TargetState | undefined = target.failures >= unhealthyThreshold ? "unhealthy"
      : target.passes >= healthyThreshold ? "healthy" : undefined;
    if (state && state !== target.state) {
      target.state = state;
      target.changedAt = Date.now();
      console.log(JSON.stringify({ event: "target-state", address: target.address, state, at: target.changedAt }));
    }
  }
}

function listen<T extends Server | HttpServer>(server: T, port: number, host: string): Promise<T> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
