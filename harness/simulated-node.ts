import { readFileSync, writeFileSync } from "node:fs";
import type { FakeInstance } from "./fake-imds";
import type { ManagedProcess } from "./managed-process";
import type { Pod } from "./pod";
import type { TestHost } from "./test-network";

/** The programs of a node's HAProxy pod whose process ids a caller may read (to measure them, or to check what runs). */
export type NodeProgram = "haproxy" | "app";

/** The DaemonSet's container names for each program. */
const CONTAINERS: Readonly<Record<NodeProgram, string>> = { haproxy: "haproxy", app: "metadata" };

/** How the local cluster starts a node's own programs, and what it waits for. */
export interface NodeLaunchers {
  /** The node's instance metadata service (169.254.169.254). */
  readonly imds: () => ManagedProcess;
  /** kube-proxy's model (node ports, health check node port); the cluster's stop ends it. */
  readonly kubeProxy: () => void;
  /** Resolves once the node serves: its HAProxy pod ready, the app behind it answering, kube-proxy's health check 200. */
  readonly ready: () => Promise<void>;
  /** Connects (true) or cuts off (false) the links of the node and of its pods. */
  readonly link: (up: boolean) => void;
}

/** An HAProxy pod of the DaemonSet on this node, and the haproxy.cfg its ConfigMap volume holds. */
export interface HaproxyPod {
  readonly pod: Pod;
  readonly configPath: string;
}

/**
 * One simulated worker node: its network namespace (the host network: the
 * instance metadata service and kube-proxy's model) and the DaemonSet's
 * HAProxy pods on it, with the actions the tests take on a node named for
 * what happens on EKS.
 */
export class SimulatedNode {
  #imds: ManagedProcess;
  readonly pods: HaproxyPod[] = [];
  /** Cordoned: no new pod is scheduled here. */
  unschedulable = false;
  /** When the node was cut off, while it is. */
  lostAt: number | undefined;

  constructor(
    /** 0-based creation order; the node's name is its host's (`node<index + 1>`). */
    readonly index: number,
    readonly host: TestHost,
    readonly instance: FakeInstance,
    private readonly launch: NodeLaunchers,
  ) {
    this.#imds = launch.imds();
  }

  get name(): string {
    return this.host.name;
  }

  /** The node's current HAProxy pod: the newest one not being deleted. */
  get current(): HaproxyPod {
    const live = this.pods.filter((p) => !p.pod.terminating && !p.pod.exited);
    const newest = live.at(-1);
    if (!newest) throw new Error(`${this.name} runs no HAProxy pod`);
    return newest;
  }

  get pod(): Pod {
    return this.current.pod;
  }

  /** Starts kube-proxy's model. */
  startKubeProxy(): void {
    this.launch.kubeProxy();
  }

  /** Resolves once the node serves: its HAProxy pod ready, the app behind it and kube-proxy's health check answer. */
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
    await this.pod.restartContainer(CONTAINERS.app);
    await this.ready();
  }

  /** HAProxy's container dies: SIGTERM is HAProxy's hard stop, closing its listeners and connections at once. */
  async killHaproxy(): Promise<void> {
    await this.pod.killContainer(CONTAINERS.haproxy, "SIGTERM");
  }

  /** The kubelet restarts the HAProxy container in its pod; resolves once the node serves again. */
  async restartHaproxy(): Promise<void> {
    await this.pod.restartContainer(CONTAINERS.haproxy);
    await this.ready();
  }

  /** The haproxy.cfg the current pod's HAProxy runs. */
  haproxyConfig(): string {
    return readFileSync(this.current.configPath, "utf8");
  }

  /**
   * HAProxy's own graceful reload, for what it says about HAProxy: a new haproxy.cfg and SIGUSR2 to the master,
   * in the running pod. Kubernetes never takes this path here: a changed ConfigMap rolls the DaemonSet's pods.
   */
  reloadHaproxyInPlace(config: string): void {
    writeFileSync(this.current.configPath, config);
    this.pod.container(CONTAINERS.haproxy).signal("SIGUSR2");
  }

  /** The node is lost: its links (and its pods') go down, so nothing it sends arrives and it answers nothing. */
  cutOff(): void {
    this.lostAt = Date.now();
    this.launch.link(false);
  }

  reconnect(): void {
    this.lostAt = undefined;
    this.launch.link(true);
  }

  /** The process id of a program of the node's current HAProxy pod. */
  pid(program: NodeProgram): number {
    return this.pod.container(CONTAINERS[program]).pid;
  }

  /** The command line the app container's program runs with here, as the kernel has it. */
  appCommandLine(): readonly string[] {
    return readFileSync(`/proc/${this.pid("app")}/cmdline`, "utf8")
      .split("\0")
      .filter((arg) => arg !== "");
  }
}
