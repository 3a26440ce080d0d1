import { PROJECT_ROOT } from "../lib/project-root";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resolver } from "node:dns/promises";
import { KubernetesObject } from "../kubernetes/kubernetes-object";
import { HaproxyPortName, PublishedPortName } from "../kubernetes/rendered-overlay";
import { renderOverlay } from "../kubernetes/render-overlay";
import { requireTool } from "../lib/require-tool";
import { FakeInstance } from "./fake-imds";
import { HarnessInputs } from "./harness-inputs";
import { forwarderHaproxyConfig } from "./kube-proxy/forwarder-haproxy-config";
import { NodeHealthModelConfig } from "./kube-proxy/node-health-model";
import { ManagedProcess, ProcessSpec } from "./managed-process";
import { nlbHaproxyConfig } from "./nlb/nlb-haproxy-config";
import { podAppCommand } from "./metadata-app-process";
import { PodRuntime, podImage, podRuntime } from "./pod-runtimes";
import { SimulatedNode } from "./simulated-node";
import { enforceNetworkPolicies } from "./network-policies";
import { writeDnsmasqConfig, writeNginxConfig } from "./service-configs";
import { TestHost, TestNetwork } from "./test-network";
import { waitFor } from "../lib/poll";
import { accepts } from "./accepts";

const IMDS_ADDRESS = "169.254.169.254";
const ZONES = [
  ["us-east-1a", "use1-az1"],
  ["us-east-1b", "use1-az2"],
  ["us-east-1c", "use1-az4"],
];
const EXTERNAL_HOST_NAME = "external-backend.harness.test";
/** kube-controller-manager's default node monitor grace period: how long a silent node's pods stay ready endpoints. */
export const NODE_MONITOR_GRACE_PERIOD_SECONDS = 40;

export { SimulatedNode } from "./simulated-node";

/** An nginx backend pod's host. */
export interface NginxPod {
  readonly host: TestHost;
}

/** A load balancer target's state, from the load balancer's stats. */
export interface TargetState {
  readonly address: string;
  readonly state: "healthy" | "unhealthy";
  /** When the state last changed (second precision). */
  readonly changedAt: number;
  /** Connections sent to the target so far. */
  readonly connections: number;
}

/** Options of `LocalCluster.start`. */
export interface LocalClusterOptions {
  /**
   * Tear down and exit the process (130) on SIGINT/SIGTERM; false for a caller
   * that stops the cluster itself on those signals (npm start). Exit still tears down.
   * @default true
   */
  readonly exitOnSignal?: boolean;
}

/**
 * The data plane of the cluster, on this machine, from the files the stack
 * deploys: three nodes running HAProxy and the metadata app, two nginx, a DNS
 * server standing in for CoreDNS, a stand-in for the external backend, on each
 * node a model of the kubelet's readiness probe and kube-proxy's health check
 * port, and HAProxy in TCP mode modelling the NLB in front. Every namespace and process is removed by
 * `stop`, or at exit, or on SIGINT/SIGTERM.
 */
export class LocalCluster {
  readonly inputs: HarnessInputs;
  readonly nodes: SimulatedNode[] = [];
  readonly nginx: NginxPod[] = [];
  private readonly nginxProcesses: ManagedProcess[] = [];
  readonly stats = { username: "stats", password: randomBytes(12).toString("hex") };
  readonly dir: string;
  readonly network: TestNetwork;
  readonly adminPort = 8999;
  /** The HAProxy and Node lines the pods' images name, as this machine runs them. */
  readonly runtimes: { readonly haproxy: PodRuntime; readonly node: PodRuntime };
  /** The host of the load balancer stand-in (HAProxy in TCP mode modelling the NLB). */
  readonly loadBalancerHost: TestHost;
  #loadBalancer: ManagedProcess | undefined;
  #dns: ManagedProcess | undefined;
  private readonly processes = new Set<ManagedProcess>();
  private readonly onExit = () => this.teardownSync();
  private readonly onSignal = () => {
    this.teardownSync();
    process.exit(130);
  };

  private constructor(objects: readonly KubernetesObject[], options: LocalClusterOptions) {
    for (const tool of ["ip", "nginx", "dnsmasq"]) requireTool(tool);
    this.inputs = new HarnessInputs(objects);
    const { overlay } = this.inputs;
    this.runtimes = { haproxy: podRuntime(podImage(overlay, "haproxy"), "haproxy"), node: podRuntime(podImage(overlay, "node"), "node") };
    this.dir = mkdtempSync(join(tmpdir(), "ekspoc-cluster-"));
    this.network = new TestNetwork();
    process.once("exit", this.onExit);
    if (options.exitOnSignal ?? true) {
      process.once("SIGINT", this.onSignal);
      process.once("SIGTERM", this.onSignal);
    }
    // After the handlers: a failure here still removes the bridge at exit.
    this.loadBalancerHost = this.network.addHost("lb", 2);
  }

  /** Starts the whole local cluster from the rendered overlay (`poc` by default). */
  static async start(
    objects: readonly KubernetesObject[] = renderOverlay("poc"),
    options: LocalClusterOptions = {},
  ): Promise<LocalCluster> {
    const cluster = new LocalCluster(objects, options);
    try {
      await cluster.startAll();
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  private async startAll(): Promise<void> {
    const dnsIp = `${this.network.subnet}.53`;
    const dns = this.network.addHost("dns", 53);
    const external = this.network.addHost("external", 30);
    const nginxHosts = Array.from({ length: this.inputs.overlay.nginxReplicas }, (_, i) => this.network.addHost(`nginx${i + 1}`, 21 + i));
    const nodeHosts = ZONES.map((_, i) => this.network.addHost(`node${i + 1}`, 11 + i, dnsIp));

    const env = this.inputs.haproxyEnv(this.pod(0));
    const dnsConf = writeDnsmasqConfig(this.subdir("dns"), dnsIp, {
      a: { [env.NGINX_ADDRESS]: nginxHosts.map((h) => h.ip), [EXTERNAL_HOST_NAME]: [external.ip] },
      cname: { [env.EXTERNAL_ADDRESS]: EXTERNAL_HOST_NAME },
    });
    this.#dns = this.spawn({
      name: "dns",
      host: dns,
      command: "dnsmasq",
      args: ["--keep-in-foreground", `--conf-file=${dnsConf}`, "--pid-file=", "--user=root"],
    });
    this.spawn({
      name: "external",
      host: external,
      command: process.execPath,
      args: ["--import", "tsx", "harness/echo-server-main.ts", external.ip, "80"],
    });
    nginxHosts.forEach((host, i) => {
      this.nginx.push({ host });
      this.nginxProcesses.push(this.startNginx(host, i));
    });
    await waitFor("the DNS server", () => resolves(dnsIp, env.NGINX_ADDRESS));

    for (const [i, host] of nodeHosts.entries()) {
      this.network.addLoopbackAddress(host, IMDS_ADDRESS);
      const [availabilityZone, availabilityZoneId] = ZONES[i];
      const instance: FakeInstance = {
        region: "us-east-1",
        availabilityZone,
        availabilityZoneId,
        instanceId: `i-0000000000000000${i + 1}`,
        instanceType: "t3.medium",
        privateIp: host.ip,
      };
      const configPath = join(this.subdir(`node${i + 1}`), "haproxy.cfg");
      writeFileSync(configPath, this.inputs.overlay.haproxyCfg);
      this.nodes.push(
        new SimulatedNode(i, host, instance, configPath, {
          imds: () => this.startImds(i, host, instance),
          app: () => this.startApp(i, host),
          haproxy: () => this.startHaproxy(i, host, configPath),
          kubeProxy: () => this.startKubeProxy(i, host),
          ready: () => this.waitNodeReady(i, host),
          link: (up) => this.network.setLink(host, up),
        }),
      );
    }
    for (const node of this.nodes) node.startKubeProxy();
    enforceNetworkPolicies(this, dns);
    await Promise.all([
      ...this.nginx.map((n) => waitFor(`nginx on ${n.host.ip}`, () => accepts(n.host.ip, this.inputs.overlay.nginxPort))),
      ...this.nodes.map((n) => n.ready()),
      waitFor("the external backend stand-in", () => accepts(external.ip, 80)),
    ]);
    // An app that started before its node's metadata service answers 503 for a while (it keeps a failure 2 s).
    await Promise.all(
      this.nodes.map((n) =>
        waitFor(`the metadata app on ${n.host.ip} to read its instance metadata`, () =>
          fetch(this.nodeUrl(n.index, "metadata") + "/", { signal: AbortSignal.timeout(1000) }).then(
            (r) => (r.body?.cancel(), r.ok),
            () => false,
          ),
        ),
      ),
    );
    // Targets answer at the link layer only while connected, so a lost node is silent rather than unreachable.
    this.network.pinNeighbours(this.loadBalancerHost, nodeHosts);
    // Started once the nodes are ready, as registered targets of a running NLB are healthy: HAProxy takes a
    // server down at its first failed check after start.
    this.startLoadBalancer();
    await waitFor("the load balancer", () => accepts(this.loadBalancerHost.ip, this.inputs.loadBalancerPortsByName.http.port));
  }

  /** http://<load balancer>:<Service port> for a published port (http, metadata, stats). */
  loadBalancerUrl(portName: PublishedPortName): string {
    return `http://${this.loadBalancerHost.ip}:${this.inputs.loadBalancerPortsByName[portName].port}`;
  }

  /** http://<node>:<container port> for a port name of the HAProxy container. */
  nodeUrl(index: number, portName: HaproxyPortName): string {
    return `http://${this.nodes[index].host.ip}:${this.inputs.overlay.haproxyPorts[portName]}`;
  }

  /** The process id of the load balancer stand-in. */
  loadBalancerPid(): number {
    return this.running(this.#loadBalancer, "the load balancer").pid;
  }

  /** The process id of nginx pod `i`. */
  nginxPid(i: number): number {
    return this.nginxProcesses[i].pid;
  }

  /** The targets of the load balancer's listener for Service port `portName` (http by default), from its stats. */
  async loadBalancerTargets(portName = "http"): Promise<TargetState[]> {
    const csv = await (
      await fetch(`http://${this.loadBalancerHost.ip}:${this.adminPort}/;csv`, { signal: AbortSignal.timeout(2000) })
    ).text();
    const [header, ...lines] = csv.trim().split("\n");
    const names = header.replace(/^# /, "").split(",");
    const rows = lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [names[i], value])));
    return this.nodes.map((node) => {
      const row = rows.find((r) => r.pxname === portName && r.svname === node.host.name);
      if (!row) throw new Error(`the load balancer's stats have no row for ${portName}/${node.host.name}`);
      return {
        address: node.host.ip,
        state: row.status.startsWith("UP") ? "healthy" : "unhealthy",
        changedAt: Date.now() - Number(row.lastchg) * 1000,
        connections: Number(row.stot),
      };
    });
  }

  /** The load balancer's view of node `index` for Service port `portName` (http by default). */
  async loadBalancerTarget(index: number, portName: PublishedPortName = "http"): Promise<TargetState> {
    const address = this.nodes[index].host.ip;
    const target = (await this.loadBalancerTargets(portName)).find((t) => t.address === address);
    if (!target) throw new Error(`node${index + 1} (${address}) is no target of the load balancer`);
    return target;
  }

  /** kube-proxy's health check answer on node `index`: the status the load balancer's check gets. */
  async healthCheckStatus(index: number): Promise<number> {
    const url = `http://${this.nodes[index].host.ip}:${this.inputs.healthCheckNodePort}${this.inputs.healthCheck.path}`;
    return fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status,
      () => 0,
    );
  }

  /** Publishes `name` → `ip` in the cluster DNS from now on, as a new load balancer's name appears after a while. */
  publishName(name: string, ip: string): void {
    appendFileSync(join(this.dir, "dns", "late-hosts"), `${ip} ${name}\n`);
    this.running(this.#dns, "the DNS server").signal("SIGHUP");
  }

  private startNginx(host: TestHost, i: number): ManagedProcess {
    const conf = writeNginxConfig(this.subdir(`nginx${i + 1}`), host.ip, this.inputs.overlay.nginxPort, `nginx${i + 1}`);
    return this.spawn({ name: `nginx${i + 1}`, host, command: "nginx", args: ["-e", "stderr", "-c", conf] });
  }

  /** nginx pod `i` stops (SIGTERM: nginx's fast shutdown). */
  async stopNginx(i: number): Promise<void> {
    await this.nginxProcesses[i].stop("SIGTERM");
  }

  /** nginx pod `i` starts again; resolves once it accepts connections. */
  async restartNginx(i: number): Promise<void> {
    const { host } = this.nginx[i];
    await this.nginxProcesses[i].stop("SIGTERM");
    this.nginxProcesses[i] = this.startNginx(host, i);
    await waitFor(`nginx on ${host.ip}`, () => accepts(host.ip, this.inputs.overlay.nginxPort));
  }

  private startImds(i: number, host: TestHost, instance: FakeInstance): ManagedProcess {
    return this.spawn({
      name: `node${i + 1}-imds`,
      host,
      command: process.execPath,
      args: ["--import", "tsx", "harness/fake-imds-main.ts", IMDS_ADDRESS, "80", JSON.stringify(instance)],
    });
  }

  /** The app container's own command, on the pod's Node line. */
  private startApp(i: number, host: TestHost): ManagedProcess {
    const { command, args } = podAppCommand(this.inputs.overlay.app, this.runtimes.node, this.subdir(`node${i + 1}`, "app"));
    return this.spawn({ name: `node${i + 1}-app`, host, command, args, env: this.inputs.appEnv(this.pod(i)) });
  }

  /**
   * The kubelet's readiness probe of the node's HAProxy and kube-proxy's healthCheckNodePort, in the node's
   * namespace; with externalTrafficPolicy Cluster also kube-proxy's forwarding from the node ports to any ready pod.
   */
  private startKubeProxy(i: number, host: TestHost): void {
    const cluster =
      this.inputs.externalTrafficPolicy === "Cluster"
        ? {
            nodes: this.nodes.map((n) => ({ name: n.host.name, address: n.host.ip })),
            thisNode: host.name,
            agentPort: this.agentPort,
            nodeMonitorGracePeriodSeconds: NODE_MONITOR_GRACE_PERIOD_SECONDS,
          }
        : undefined;
    const config: NodeHealthModelConfig = {
      address: host.ip,
      probe: this.inputs.readinessProbe,
      service: this.inputs.service,
      healthCheckNodePort: this.inputs.healthCheckNodePort,
      cluster,
    };
    const path = join(this.subdir(`node${i + 1}`), "kube-proxy.json");
    writeFileSync(path, JSON.stringify(config));
    this.spawn({
      name: `node${i + 1}-kube-proxy`,
      host,
      command: process.execPath,
      args: ["--import", "tsx", "harness/kube-proxy-main.ts", path],
    });
    if (cluster) this.startForwarder(i, host);
  }

  /** Where, with Cluster, each node's kube-proxy model tells the others whether its pod is ready. */
  get agentPort(): number {
    return this.inputs.healthCheckNodePort + 1;
  }

  private startForwarder(i: number, host: TestHost): void {
    const path = join(this.subdir(`node${i + 1}`), "kube-proxy-forwarder.cfg");
    writeFileSync(
      path,
      forwarderHaproxyConfig({
        address: host.ip,
        agentPort: this.agentPort,
        listeners: this.inputs.loadBalancerPorts.map((p) => ({ name: p.name, nodePort: p.nodePort, targetPort: p.containerPort })),
        pods: this.nodes.map((n) => ({ node: n.host.name, address: n.host.ip })),
      }),
    );
    this.spawn({ name: `node${i + 1}-kube-proxy-forwarder`, host, command: this.runtimes.haproxy.binary, args: ["-W", "-db", "-f", path] });
  }

  /** HAProxy of the pod's line, master-worker as in the image. */
  private startHaproxy(i: number, host: TestHost, configPath: string): ManagedProcess {
    return this.spawn({
      name: `node${i + 1}-haproxy`,
      host,
      command: this.runtimes.haproxy.binary,
      args: ["-W", "-db", "-f", configPath],
      env: this.inputs.haproxyEnv(this.pod(i)),
    });
  }

  /** What the kubelet gives the pod on node `i`, with this run's stats credentials. */
  pod(i: number): { podName: string; nodeName: string; secrets: Record<string, string> } {
    const secret = this.inputs.overlay.statsSecret;
    return {
      podName: `haproxy-node${i + 1}`,
      nodeName: `node${i + 1}`,
      secrets: {
        [`${secret.name}/${secret.usernameKey}`]: this.stats.username,
        [`${secret.name}/${secret.passwordKey}`]: this.stats.password,
      },
    };
  }

  private async waitNodeReady(i: number, { ip }: TestHost): Promise<void> {
    await waitFor(`HAProxy on ${ip}`, () => healthy(this.nodeUrl(i, "health") + this.inputs.readinessProbe.path));
    await waitFor(`the metadata app on ${ip}`, () => accepts(ip, this.inputs.overlay.app.port));
    // The app's own answers (200, or 503 without instance metadata) are JSON; HAProxy's "no server" page is not.
    await waitFor(`HAProxy's metadata backend on ${ip}`, () =>
      fetch(this.nodeUrl(i, "metadata") + "/", { signal: AbortSignal.timeout(1000) }).then(
        (r) => (r.body?.cancel(), (r.headers.get("content-type") ?? "").includes("application/json")),
        () => false,
      ),
    );
    await waitFor(`kube-proxy's health check on ${ip} to answer 200`, async () => (await this.healthCheckStatus(i)) === 200);
  }

  /** The NLB, modelled by HAProxy in TCP mode, its configuration generated from the rendered Service. */
  private startLoadBalancer(): void {
    const config = join(this.subdir("load-balancer"), "haproxy.cfg");
    writeFileSync(
      config,
      nlbHaproxyConfig({
        address: this.loadBalancerHost.ip,
        // With Local, kube-proxy passes a node port's traffic to the local pod only: the harness connects to it directly.
        listeners: this.inputs.loadBalancerPorts.map((p) => ({
          name: p.name,
          port: p.port,
          targetPort: this.inputs.externalTrafficPolicy === "Local" ? p.containerPort : p.nodePort,
        })),
        targets: this.nodes.map((n) => ({ name: n.host.name, address: n.host.ip })),
        healthCheck: this.inputs.healthCheck,
        statsPort: this.adminPort,
      }),
    );
    this.#loadBalancer = this.spawn({
      name: "load-balancer",
      host: this.loadBalancerHost,
      command: this.runtimes.haproxy.binary,
      args: ["-W", "-db", "-f", config],
    });
  }

  private spawn(spec: Omit<ProcessSpec, "logFile" | "cwd">): ManagedProcess {
    const managed = new ManagedProcess({ ...spec, cwd: PROJECT_ROOT, logFile: join(this.dir, `${spec.name}.log`) });
    this.processes.add(managed);
    return managed;
  }

  /** A process the start created; a clear error when asked for before. */
  private running(process: ManagedProcess | undefined, what: string): ManagedProcess {
    if (!process) throw new Error(`${what} has not been started`);
    return process;
  }

  private subdir(...parts: string[]): string {
    const dir = join(this.dir, ...parts);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes].map((p) => p.stop("SIGTERM", 3000)));
    this.teardownSync();
  }

  private teardownSync(): void {
    this.processes.forEach((p) => p.killSync());
    this.network.destroy();
    if (!process.env.EKS_POC_KEEP_HARNESS_LOGS) rmSync(this.dir, { recursive: true, force: true });
    process.removeListener("exit", this.onExit);
    process.removeListener("SIGINT", this.onSignal);
    process.removeListener("SIGTERM", this.onSignal);
  }
}

async function resolves(server: string, name: string): Promise<boolean> {
  const resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([server]);
  return resolver.resolve4(name).then(
    (a) => a.length > 0,
    () => false,
  );
}

async function healthy(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(500) }).then(
    (r) => r.ok,
    () => false,
  );
}
