import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resolver } from "node:dns/promises";
import { KubernetesObject, statsSecretName } from "../kubernetes/kubernetes-object";
import { renderOverlay } from "../kubernetes/render-overlay";
import { requireTool } from "../scripts/lib/require-tool";
import { FakeInstance } from "./fake-imds";
import { HarnessInputs } from "./harness-inputs";
import { ManagedProcess, ProcessSpec } from "./managed-process";
import { podAppCommand } from "./metadata-app-process";
import { PodRuntime, podRuntime } from "./pod-runtimes";
import { enforceNetworkPolicies } from "./network-policies";
import { writeDnsmasqConfig, writeNginxConfig } from "./service-configs";
import { TestHost, TestNetwork } from "./test-network";
import { accepts, waitFor } from "./wait";

const PROJECT_ROOT = join(__dirname, "..");
const IMDS_ADDRESS = "169.254.169.254";
const ZONES = [["us-east-1a", "use1-az1"], ["us-east-1b", "use1-az2"], ["us-east-1c", "use1-az4"]];
const EXTERNAL_HOST_NAME = "external-backend.harness.test";

/** One simulated worker node: HAProxy and the metadata app as in the pod, and the node's metadata service. */
export interface SimulatedNode {
  readonly index: number;
  readonly host: TestHost;
  readonly instance: FakeInstance;
  readonly configPath: string;
  haproxy: ManagedProcess;
  app: ManagedProcess;
  imds: ManagedProcess;
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
 * server standing in for CoreDNS, a stand-in for the external backend, and a
 * load balancer stand-in in front. Every namespace and process is removed by
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
    this.spawn({ name: "external", host: external, command: process.execPath, args: ["--import", "tsx", "e2e/echo-server-main.ts", external.ip, "80"] });
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
    enforceNetworkPolicies(this, dns);
    await this.startLoadBalancer();
    await Promise.all([
      ...this.nginx.map((n) => waitFor(`nginx on ${n.host.ip}`, () => accepts(n.host.ip, this.inputs.nginxPort))),
      ...this.nodes.map((n) => this.waitNodeReady(n)),
      waitFor("the external backend stand-in", () => accepts(external.ip, 80)),
      waitFor("the load balancer stand-in", () => accepts(this.loadBalancerHost.ip, this.inputs.loadBalancerPorts[0].port)),
    ]);
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

  /** GET /targets of the load balancer stand-in. */
  async loadBalancerTargets(): Promise<Array<{ address: string; state: string; changedAt: number; connections: number }>> {
    return (await fetch(`http://${this.loadBalancerHost.ip}:${this.adminPort}/targets`)).json() as never;
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
      args: ["--import", "tsx", "e2e/fake-imds-main.ts", IMDS_ADDRESS, "80", JSON.stringify(node.instance)],
    });
  }

  /** The app container's own command, on the pod's Node line. */
  startApp(node: SimulatedNode): ManagedProcess {
    const { command, args } = podAppCommand(this.inputs, this.runtimes.node, this.subdir(`node${node.index + 1}`, "app"));
    return this.spawn({ name: `node${node.index + 1}-app`, host: node.host, command, args, env: this.inputs.appEnv(this.pod(node.index)) });
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
  }

  private async startLoadBalancer(): Promise<void> {
    const config = join(this.dir, "load-balancer.json");
    writeFileSync(config, JSON.stringify({
      host: this.loadBalancerHost.ip,
      listeners: this.inputs.loadBalancerPorts.map((p) => ({ port: p.port, targetPort: p.containerPort })),
      targets: this.nodes.map((n) => n.host.ip),
      healthCheck: { ...this.inputs.healthCheck, port: this.inputs.healthPort, path: this.inputs.healthPath },
      adminPort: this.adminPort,
    }));
    this.spawn({ name: "load-balancer", host: this.loadBalancerHost, command: process.execPath, args: ["--import", "tsx", "e2e/load-balancer-main.ts", config] });
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
