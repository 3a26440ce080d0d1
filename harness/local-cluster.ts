import { PROJECT_ROOT } from "../lib/project-root";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resolver } from "node:dns/promises";
import { KubernetesObject, statsSecretName } from "../kubernetes/kubernetes-object";
import { renderOverlay } from "../kubernetes/render-overlay";
import { requireTool } from "../lib/require-tool";
import { FakeInstance } from "./fake-imds";
import { HarnessInputs } from "./harness-inputs";
import { forwarderHaproxyConfig } from "./kube-proxy/forwarder-haproxy-config";
import { NodeHealthModelConfig } from "./kube-proxy/node-health-model";
import { ManagedProcess, ProcessSpec } from "./managed-process";
import { nlbHaproxyConfig } from "./nlb/nlb-haproxy-config";
import { podAppCommand } from "./metadata-app-process";
import { PodRuntime, podRuntime } from "./pod-runtimes";
import { enforceNetworkPolicies } from "./network-policies";
import { writeDnsmasqConfig, writeNginxConfig } from "./service-configs";
import { TestHost, TestNetwork } from "./test-network";
import { waitFor } from "../lib/poll";
import { accepts } from "./accepts";

const IMDS_ADDRESS = "169.254.169.254";
const ZONES = [["us-east-1a", "use1-az1"], ["us-east-1b", "use1-az2"], ["us-east-1c", "use1-az4"]];
const EXTERNAL_HOST_NAME = "external-backend.harness.test";
/** kube-controller-manager's default node monitor grace period: how long a silent node's pods stay ready endpoints. */
export const NODE_MONITOR_GRACE_PERIOD_SECONDS = 40;

/** One simulated worker node: HAProxy and the metadata app as in the pod, the node's metadata service, and kube-proxy's health check port. */
export interface SimulatedNode {
  readonly index: number;
  readonly host: TestHost;
  readonly instance: FakeInstance;
  readonly configPath: string;
  haproxy: ManagedProcess;
  app: ManagedProcess;
  imds: ManagedProcess;
  kubeProxy: ManagedProcess;
  /** With externalTrafficPolicy Cluster: kube-proxy's forwarding from the node ports to any ready pod. */
  forwarder?: ManagedProcess;
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
  readonly nginx: Array<{ host: TestHost; process: ManagedProcess }> = [];
  readonly stats = { username: "stats", password: randomBytes(12).toString("hex") };
  readonly dir: string;
  readonly network: TestNetwork;
  readonly adminPort = 8999;
  /** The HAProxy and Node lines the pods' images name, as this machine runs them. */
  readonly runtimes: { readonly haproxy: PodRuntime; readonly node: PodRuntime };
  loadBalancerHost!: TestHost;
  /** HAProxy modelling the NLB. */
  loadBalancer!: ManagedProcess;
  private dns!: ManagedProcess;
  private readonly processes = new Set<ManagedProcess>();
  private readonly onExit = () => this.teardownSync();
  private readonly onSignal = () => {
    this.teardownSync();
    process.exit(130);
  };

  private constructor(objects: readonly KubernetesObject[], options: LocalClusterOptions) {
    for (const tool of ["ip", "nginx", "dnsmasq"]) requireTool(tool);
    this.inputs = new HarnessInputs(objects);
    this.runtimes = { haproxy: podRuntime(this.inputs.daemonSet, "haproxy"), node: podRuntime(this.inputs.daemonSet, "node") };
    this.dir = mkdtempSync(join(tmpdir(), "ekspoc-cluster-"));
    this.network = new TestNetwork();
    process.once("exit", this.onExit);
    if (options.exitOnSignal ?? true) {
      process.once("SIGINT", this.onSignal);
      process.once("SIGTERM", this.onSignal);
    }
  }

  /** Starts the whole local cluster from the rendered overlay (`poc` by default). */
  static async start(objects: readonly KubernetesObject[] = renderOverlay("poc"), options: LocalClusterOptions = {}): Promise<LocalCluster> {
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
    const nginxHosts = Array.from({ length: this.inputs.nginxReplicas }, (_, i) => this.network.addHost(`nginx${i + 1}`, 21 + i));
    const nodeHosts = ZONES.map((_, i) => this.network.addHost(`node${i + 1}`, 11 + i, dnsIp));
    this.loadBalancerHost = this.network.addHost("lb", 2);

    const env = this.inputs.haproxyEnv(this.pod(0));
    const dnsConf = writeDnsmasqConfig(this.subdir("dns"), dnsIp, {
      a: { [env.NGINX_ADDRESS]: nginxHosts.map((h) => h.ip), [EXTERNAL_HOST_NAME]: [external.ip] },
      cname: { [env.EXTERNAL_ADDRESS]: EXTERNAL_HOST_NAME },
    });
    this.dns = this.spawn({ name: "dns", host: dns, command: "dnsmasq", args: ["--keep-in-foreground", `--conf-file=${dnsConf}`, "--pid-file=", "--user=root"] });
    this.spawn({ name: "external", host: external, command: process.execPath, args: ["--import", "tsx", "harness/echo-server-main.ts", external.ip, "80"] });
    nginxHosts.forEach((host, i) => this.nginx.push({ host, process: this.startNginx(host, i) }));
    await waitFor("the DNS server", () => resolves(dnsIp, env.NGINX_ADDRESS));

    for (const [i, host] of nodeHosts.entries()) {
      this.network.addLoopbackAddress(host, IMDS_ADDRESS);
      const [availabilityZone, availabilityZoneId] = ZONES[i];
      const instance: FakeInstance = {
        region: "us-east-1", availabilityZone, availabilityZoneId,
        instanceId: `i-0000000000000000${i + 1}`, instanceType: "t3.medium", privateIp: host.ip,
      };
      const configPath = join(this.subdir(`node${i + 1}`), "haproxy.cfg");
      writeFileSync(configPath, this.inputs.haproxyCfg);
      const node = { index: i, host, instance, configPath } as SimulatedNode;
      node.imds = this.startImds(node);
      node.app = this.startApp(node);
      node.haproxy = this.startHaproxy(node);
      this.nodes.push(node);
    }
    for (const node of this.nodes) {
      node.kubeProxy = this.startKubeProxy(node);
      if (this.inputs.externalTrafficPolicy === "Cluster") node.forwarder = this.startForwarder(node);
    }
    enforceNetworkPolicies(this, dns);
    await Promise.all([
      ...this.nginx.map((n) => waitFor(`nginx on ${n.host.ip}`, () => accepts(n.host.ip, this.inputs.nginxPort))),
      ...this.nodes.map((n) => this.waitNodeReady(n)),
      waitFor("the external backend stand-in", () => accepts(external.ip, 80)),
    ]);
    // An app that started before its node's metadata service answers 503 for a while (it keeps a failure 2 s).
    await Promise.all(this.nodes.map((n) => waitFor(`the metadata app on ${n.host.ip} to read its instance metadata`, () =>
      fetch(this.nodeUrl(n.index, "metadata") + "/", { signal: AbortSignal.timeout(1000) }).then((r) => (r.body?.cancel(), r.ok), () => false))));
    // Targets answer at the link layer only while connected, so a lost node is silent rather than unreachable.
    this.network.pinNeighbours(this.loadBalancerHost, nodeHosts);
    // Started once the nodes are ready, as registered targets of a running NLB are healthy: HAProxy takes a
    // server down at its first failed check after start.
    this.startLoadBalancer();
    await waitFor("the load balancer", () => accepts(this.loadBalancerHost.ip, this.inputs.loadBalancerPorts[0].port));
  }

  /** http://<load balancer>:<Service port> for a port name of the Service (http, metadata, stats). */
  loadBalancerUrl(portName: string): string {
    const mapping = this.inputs.loadBalancerPorts.find((p) => p.name === portName)!;
    return `http://${this.loadBalancerHost.ip}:${mapping.port}`;
  }

  /** http://<node>:<container port> for a port name of the HAProxy container. */
  nodeUrl(index: number, portName: string): string {
    return `http://${this.nodes[index].host.ip}:${this.inputs.haproxyPorts[portName]}`;
  }

  /** The targets of the load balancer's listener for Service port `portName` (http by default), from its stats. */
  async loadBalancerTargets(portName = "http"): Promise<TargetState[]> {
    const csv = await (await fetch(`http://${this.loadBalancerHost.ip}:${this.adminPort}/;csv`, { signal: AbortSignal.timeout(2000) })).text();
    const [header, ...lines] = csv.trim().split("\n");
    const names = header.replace(/^# /, "").split(",");
    const rows = lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [names[i], value])));
    return this.nodes.map((node) => {
      const row = rows.find((r) => r.pxname === portName && r.svname === node.host.name)!;
      return {
        address: node.host.ip,
        state: row.status.startsWith("UP") ? "healthy" : "unhealthy",
        changedAt: Date.now() - Number(row.lastchg) * 1000,
        connections: Number(row.stot),
      };
    });
  }

  /** kube-proxy's health check answer on node `index`: the status the load balancer's check gets. */
  async healthCheckStatus(index: number): Promise<number> {
    const url = `http://${this.nodes[index].host.ip}:${this.inputs.healthCheckNodePort}${this.inputs.healthCheck.path}`;
    return fetch(url, { signal: AbortSignal.timeout(1000) }).then((r) => r.status, () => 0);
  }

  /** Cuts node `index` off the network, as a lost instance: nothing it sends arrives any more. */
  disconnectNode(index: number): void {
    this.network.setLink(this.nodes[index].host, false);
  }

  reconnectNode(index: number): void {
    this.network.setLink(this.nodes[index].host, true);
  }

  /** Publishes `name` → `ip` in the cluster DNS from now on, as a new load balancer's name appears after a while. */
  publishName(name: string, ip: string): void {
    appendFileSync(join(this.dir, "dns", "late-hosts"), `${ip} ${name}\n`);
    this.dns.child.kill("SIGHUP");
  }

  startNginx(host: TestHost, i: number): ManagedProcess {
    const conf = writeNginxConfig(this.subdir(`nginx${i + 1}`), host.ip, this.inputs.nginxPort, `nginx${i + 1}`);
    return this.spawn({ name: `nginx${i + 1}`, host, command: "nginx", args: ["-e", "stderr", "-c", conf] });
  }

  async restartNginx(i: number): Promise<void> {
    const { host } = this.nginx[i];
    this.nginx[i].process = this.startNginx(host, i);
    await waitFor(`nginx on ${host.ip}`, () => accepts(host.ip, this.inputs.nginxPort));
  }

  startImds(node: SimulatedNode): ManagedProcess {
    return this.spawn({
      name: `node${node.index + 1}-imds`, host: node.host, command: process.execPath,
      args: ["--import", "tsx", "harness/fake-imds-main.ts", IMDS_ADDRESS, "80", JSON.stringify(node.instance)],
    });
  }

  /** The app container's own command, on the pod's Node line. */
  startApp(node: SimulatedNode): ManagedProcess {
    const { command, args } = podAppCommand(this.inputs, this.runtimes.node, this.subdir(`node${node.index + 1}`, "app"));
    return this.spawn({ name: `node${node.index + 1}-app`, host: node.host, command, args, env: this.inputs.appEnv(this.pod(node.index)) });
  }

  /** The kubelet's readiness probe of the node's HAProxy and kube-proxy's healthCheckNodePort, in the node's namespace. */
  startKubeProxy(node: SimulatedNode): ManagedProcess {
    const cluster = this.inputs.externalTrafficPolicy === "Cluster" ? {
      nodes: this.nodes.map((n) => ({ name: n.host.name, address: n.host.ip })), thisNode: node.host.name,
      agentPort: this.agentPort, nodeMonitorGracePeriodSeconds: NODE_MONITOR_GRACE_PERIOD_SECONDS,
    } : undefined;
    const config: NodeHealthModelConfig = {
      address: node.host.ip, probe: this.inputs.readinessProbe, service: this.inputs.service, healthCheckNodePort: this.inputs.healthCheckNodePort, cluster,
    };
    const path = join(this.subdir(`node${node.index + 1}`), "kube-proxy.json");
    writeFileSync(path, JSON.stringify(config));
    return this.spawn({ name: `node${node.index + 1}-kube-proxy`, host: node.host, command: process.execPath, args: ["--import", "tsx", "harness/kube-proxy-main.ts", path] });
  }

  /** Where, with Cluster, each node's kube-proxy model tells the others whether its pod is ready. */
  get agentPort(): number {
    return this.inputs.healthCheckNodePort + 1;
  }

  private startForwarder(node: SimulatedNode): ManagedProcess {
    const path = join(this.subdir(`node${node.index + 1}`), "kube-proxy-forwarder.cfg");
    writeFileSync(path, forwarderHaproxyConfig({
      address: node.host.ip, agentPort: this.agentPort,
      listeners: this.inputs.loadBalancerPorts.map((p) => ({ name: p.name, nodePort: p.nodePort, targetPort: p.containerPort })),
      pods: this.nodes.map((n) => ({ node: n.host.name, address: n.host.ip })),
    }));
    return this.spawn({ name: `node${node.index + 1}-kube-proxy-forwarder`, host: node.host, command: this.runtimes.haproxy.binary, args: ["-W", "-db", "-f", path] });
  }

  /** HAProxy of the pod's line, master-worker as in the image. */
  startHaproxy(node: SimulatedNode): ManagedProcess {
    return this.spawn({
      name: `node${node.index + 1}-haproxy`, host: node.host, command: this.runtimes.haproxy.binary, args: ["-W", "-db", "-f", node.configPath],
      env: this.inputs.haproxyEnv(this.pod(node.index)),
    });
  }

  /** What the kubelet gives the pod on node `i`, with this run's stats credentials. */
  pod(i: number): { podName: string; nodeName: string; secrets: Record<string, string> } {
    const secretName = statsSecretName(this.inputs.daemonSet);
    return {
      podName: `haproxy-node${i + 1}`, nodeName: `node${i + 1}`,
      secrets: { [`${secretName}/username`]: this.stats.username, [`${secretName}/password`]: this.stats.password },
    };
  }

  async waitNodeReady(node: SimulatedNode): Promise<void> {
    await waitFor(`HAProxy on ${node.host.ip}`, () => healthy(this.nodeUrl(node.index, "health") + this.inputs.healthPath));
    await waitFor(`the metadata app on ${node.host.ip}`, () => accepts(node.host.ip, this.inputs.appPort));
    // The app's own answers (200, or 503 without instance metadata) are JSON; HAProxy's "no server" page is not.
    await waitFor(`HAProxy's metadata backend on ${node.host.ip}`, () => fetch(this.nodeUrl(node.index, "metadata") + "/", { signal: AbortSignal.timeout(1000) })
      .then((r) => (r.body?.cancel(), (r.headers.get("content-type") ?? "").includes("application/json")), () => false));
    await waitFor(`kube-proxy's health check on ${node.host.ip} to answer 200`, async () => (await this.healthCheckStatus(node.index)) === 200);
  }

  /** The NLB, modelled by HAProxy in TCP mode, its configuration generated from the rendered Service. */
  private startLoadBalancer(): void {
    const config = join(this.subdir("load-balancer"), "haproxy.cfg");
    writeFileSync(config, nlbHaproxyConfig({
      address: this.loadBalancerHost.ip,
      // With Local, kube-proxy passes a node port's traffic to the local pod only: the harness connects to it directly.
      listeners: this.inputs.loadBalancerPorts.map((p) => ({
        name: p.name, port: p.port, targetPort: this.inputs.externalTrafficPolicy === "Local" ? p.containerPort : p.nodePort,
      })),
      targets: this.nodes.map((n) => ({ name: n.host.name, address: n.host.ip })),
      healthCheck: this.inputs.healthCheck,
      statsPort: this.adminPort,
    }));
    this.loadBalancer = this.spawn({ name: "load-balancer", host: this.loadBalancerHost, command: this.runtimes.haproxy.binary, args: ["-W", "-db", "-f", config] });
  }

  private spawn(spec: Omit<ProcessSpec, "logFile" | "cwd">): ManagedProcess {
    const managed = new ManagedProcess({ ...spec, cwd: PROJECT_ROOT, logFile: join(this.dir, `${spec.name}.log`) });
    this.processes.add(managed);
    return managed;
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
  return resolver.resolve4(name).then((a) => a.length > 0, () => false);
}

async function healthy(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(500) }).then((r) => r.ok, () => false);
}
