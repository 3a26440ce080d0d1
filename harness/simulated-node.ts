import { readFileSync, writeFileSync } from "node:fs";
import { FakeInstance } from "./fake-imds";
import { ManagedProcess } from "./managed-process";
import { TestHost } from "./test-network";

/** The programs of a node whose process ids a caller may read (to measure them, or to check what runs). */
export type NodeProgram = "haproxy" | "app";

/** How the local cluster starts each of a node's programs, and what it waits for. */
export interface NodeLaunchers {
  /** The node's instance metadata service (169.254.169.254). */
  readonly imds: () => ManagedProcess;
  /** The metadata app with the container's command and environment. */
  readonly app: () => ManagedProcess;
  /** HAProxy with the node's haproxy.cfg and the container's environment. */
  readonly haproxy: () => ManagedProcess;
  /** kube-proxy's model (readiness probe, health check node port) and, with Cluster, its forwarder; the cluster's stop ends them. */
  readonly kubeProxy: () => void;
  /** Resolves once HAProxy, the app behind it and kube-proxy's health check answer. */
  readonly ready: () => Promise<void>;
  /** Connects (true) or cuts off (false) the node's link to the network. */
  readonly link: (up: boolean) => void;
}

/**
 * One simulated worker node: the HAProxy pod's two containers, the node's
 * metadata service and kube-proxy, with the actions the tests take on a node
 * named for what happens on EKS. The processes stay inside.
 */
export class SimulatedNode {
  #imds: ManagedProcess;
  #app: ManagedProcess;
  #haproxy: ManagedProcess;

  constructor(
    /** 0-based; the node's name is `node<index + 1>`. */
    readonly index: number,
    readonly host: TestHost,
    readonly instance: FakeInstance,
    /** The node's haproxy.cfg, which HAProxy reads at start and on reload. */
    private readonly configPath: string,
    private readonly launch: NodeLaunchers,
  ) {
    this.#imds = launch.imds();
    this.#app = launch.app();
    this.#haproxy = launch.haproxy();
  }

  /** Starts kube-proxy's model; the cluster calls it once every node exists (with Cluster each forwards to all). */
  startKubeProxy(): void {
    this.launch.kubeProxy();
  }

  /** Resolves once the node serves: HAProxy, the app behind it and kube-proxy's health check answer. */
  ready(): Promise<void> {
    return this.launch.ready();
  }

  /** The node's instance metadata service stops answering, as with a hop limit of 1 from a pod. */
  async stopMetadataService(): Promise<void> {
    await this.#imds.stop();
  }

  startMetadataService(): void {
    if (!this.#imds.running) this.#imds = this.launch.imds();
  }

  /** The metadata container restarts (as after a crash) and the node serves again. */
  async restartApp(): Promise<void> {
    await this.#app.stop();
    this.#app = this.launch.app();
    await this.ready();
  }

  /** HAProxy's container dies: SIGTERM is HAProxy's hard stop, closing its listeners and connections at once. */
  async killHaproxy(): Promise<void> {
    await this.#haproxy.stop("SIGTERM");
  }

  /** The kubelet restarts the HAProxy container; resolves once the node serves again. */
  async restartHaproxy(): Promise<void> {
    await this.#haproxy.stop("SIGTERM");
    this.#haproxy = this.launch.haproxy();
    await this.ready();
  }

  /** The haproxy.cfg HAProxy runs. */
  haproxyConfig(): string {
    return readFileSync(this.configPath, "utf8");
  }

  /** A new haproxy.cfg, applied by a graceful reload (SIGUSR2 to the master), as a ConfigMap change and a reload would. */
  reloadHaproxy(config: string): void {
    writeFileSync(this.configPath, config);
    this.#haproxy.signal("SIGUSR2");
  }

  /** The node is lost: its link goes down, so nothing it sends arrives and it answers nothing. */
  cutOff(): void {
    this.launch.link(false);
  }

  reconnect(): void {
    this.launch.link(true);
  }

  /** The process id of a program of the node's pod. */
  pid(program: NodeProgram): number {
    return (program === "haproxy" ? this.#haproxy : this.#app).pid;
  }

  /** The command line the app container's program runs with here. */
  appCommandLine(): readonly string[] {
    return [this.#app.spec.command, ...this.#app.spec.args];
  }
}
