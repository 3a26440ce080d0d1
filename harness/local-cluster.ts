import { PROJECT_ROOT } from "../lib/project-root";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resolver } from "node:dns/promises";
import type { KubernetesObject } from "../kubernetes/kubernetes-object";
import { findContainer, findObject, podTemplate } from "../kubernetes/kubernetes-object";
import type { HaproxyPortName, PublishedPortName } from "../kubernetes/rendered-overlay";
import { renderOverlay } from "../kubernetes/render-overlay";
import { requireTool } from "../lib/require-tool";
import { sleep, waitFor } from "../lib/poll";
import { accepts } from "./accepts";
import { ContainerCgroups, containerLimits } from "./cgroup-limits";
import { containerStop } from "./controllers/container-stop";
import { rollDaemonSet } from "./controllers/daemon-set-rollout";
import { rollDeployment } from "./controllers/deployment-rollout";
import { drainNode } from "./controllers/node-drain";
import { daemonSetStrategy, deploymentStrategy } from "./controllers/rollout-strategy";
import type { FakeInstance } from "./fake-imds";
import { HarnessInputs } from "./harness-inputs";
import type { Endpoint } from "./kube-proxy/endpoints";
import { endpointOf } from "./kube-proxy/endpoints";
import type { KubeProxyModelConfig } from "./kube-proxy/kube-proxy-model";
import { readinessProbe } from "./kube-proxy/readiness-probe";
import type { ProcessSpec } from "./managed-process";
import { ManagedProcess } from "./managed-process";
import { podAppCommand } from "./metadata-app-process";
import { enforceNetworkPolicies } from "./network-policies";
import { nlbHaproxyConfig } from "./nlb/nlb-haproxy-config";
import { deregisterCommands, registerCommands, runAll } from "./nlb/target-registration";
import type { ContainerRun } from "./pod";
import { Pod } from "./pod";
import type { PodRuntime } from "./pod-runtimes";
import { podImage, podRuntime } from "./pod-runtimes";
import { writeDnsmasqConfig, writeNginxConfig } from "./service-configs";
import { SimulatedNode } from "./simulated-node";
import type { TestHost } from "./test-network";
import { TestNetwork } from "./test-network";

const IMDS_ADDRESS = "169.254.169.254";
const ZONES = [
  ["us-east-1a", "use1-az1"],
  ["us-east-1b", "use1-az2"],
  ["us-east-1c", "use1-az4"],
];
/** Nodes take addresses .11 upwards, pods .100 to .250 (the VPC CNI gives each pod an address of the subnet). */
const FIRST_NODE_OCTET = 11;
const POD_OCTETS = { first: 100, last: 250 };
/** Target slots of the load balancer stand-in beyond the first nodes, for nodes that join later (a node replaced). */
const SPARE_NODES = 1;
const EXTERNAL_HOST_NAME = "external-backend.harness.test";
/** kube-controller-manager's default node monitor grace period: how long a silent node's pods stay ready endpoints. */
export const NODE_MONITOR_GRACE_PERIOD_SECONDS = 40;
/** Kubernetes' default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_PERIOD_SECONDS = 30;
/** Kubernetes' alphabet for generated name suffixes (k8s.io/apimachinery/pkg/util/rand: no vowels, no 0, 1, 3). */
const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export { SimulatedNode } from "./simulated-node";

/** An nginx backend pod. */
export interface NginxPod {
  readonly host: TestHost;
  readonly pod: Pod;
  readonly nodeName: string;
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

/** Options of `LocalCluster.replaceNode`. */
export interface NodeReplacementOptions {
  /**
   * How long the old node stays cordoned and drained before its instance is terminated. EKS waits 60 s
   * (managed-node-update-behavior, upgrade phase) for the service controller to take the node out of the load
   * balancers; the model deregisters it at once, so a shorter wait tests the same order.
   * @default 60_000
   */
  readonly terminationDelayMs?: number;
  /** Told each step as it ends (joined, deregistered, drained, terminated), for a test to place its failures. */
  readonly onStep?: (step: "joined" | "deregistered" | "drained" | "terminated") => void;
}

/**
 * The data plane of the cluster, on this machine, from the files the stack
 * deploys: three nodes (each a network namespace with the instance metadata
 * service and kube-proxy's model), the DaemonSet's HAProxy pods and the
 * Deployment's nginx pods each in a namespace of their own with their own
 * address, a DNS server standing in for CoreDNS, a stand-in for the external
 * backend, HAProxy in TCP mode modelling the NLB in front, and the control
 * plane's part (kubelet probes, EndpointSlices, the DaemonSet, Deployment and
 * service controllers, drains) in this process. Every namespace, process and
 * cgroup is removed by `stop`, or at exit, or on SIGINT/SIGTERM.
 */
export class LocalCluster {
  readonly inputs: HarnessInputs;
  readonly nodes: SimulatedNode[] = [];
  readonly stats = { username: "stats", password: randomBytes(12).toString("hex") };
  readonly dir: string;
  readonly network: TestNetwork;
  readonly adminPort = 8999;
  /** The HAProxy and Node lines the pods' images name, as this machine runs them. */
  readonly runtimes: { readonly haproxy: PodRuntime; readonly node: PodRuntime };
  /** The host of the load balancer stand-in (HAProxy in TCP mode modelling the NLB). */
  readonly loadBalancerHost: TestHost;
  /** The containers' cgroups, with the rendered limits. */
  readonly cgroups: ContainerCgroups;
  #loadBalancer: ManagedProcess | undefined;
  #dns: ManagedProcess | undefined;
  #dnsHost: TestHost | undefined;
  #nginxPods: NginxPod[] = [];
  /** The DaemonSet's haproxy.cfg (its ConfigMap) and the Deployment's template revision. */
  #haproxyCfg: string;
  #nginxRevision = 1;
  #nextPodOctet = POD_OCTETS.first;
  #nodesCreated = 0;
  #publishing: Promise<void> = Promise.resolve();
  /** Set by stop(): the control plane goes first, so nothing is sent to kube-proxies that are being stopped. */
  #stopping = false;
  #dnsRecords = "";
  private readonly graceTimers = new Set<NodeJS.Timeout>();
  /** The NetworkPolicy ruleset loaded in each pod's namespace. */
  private readonly appliedPolicies = new Map<string, string>();
  /** Every pod not yet exited. */
  private readonly allPods = new Set<Pod>();
  private readonly processes = new Set<ManagedProcess>();
  private readonly onExit = () => this.teardownSync();
  private readonly onSignal = () => {
    this.teardownSync();
    process.exit(130);
  };

  private constructor(objects: readonly KubernetesObject[], options: LocalClusterOptions) {
    for (const tool of ["ip", "nginx", "dnsmasq", "nft"]) requireTool(tool);
    this.inputs = new HarnessInputs(objects);
    const { overlay } = this.inputs;
    this.#haproxyCfg = overlay.haproxyCfg;
    this.runtimes = { haproxy: podRuntime(podImage(overlay, "haproxy"), "haproxy"), node: podRuntime(podImage(overlay, "node"), "node") };
    this.dir = mkdtempSync(join(tmpdir(), "ekspoc-cluster-"));
    this.network = new TestNetwork();
    this.cgroups = new ContainerCgroups(`ekspoc-${this.network.id}`);
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

  /** The nginx pods the Deployment runs now (not being deleted). */
  get nginx(): NginxPod[] {
    return this.#nginxPods.filter((n) => !n.pod.terminating && !n.pod.exited);
  }

  private get dnsIp(): string {
    return `${this.network.subnet}.53`;
  }

  private async startAll(): Promise<void> {
    const dns = this.network.addHost("dns", 53);
    this.#dnsHost = dns;
    const external = this.network.addHost("external", 30);
    const env = this.inputs.haproxyEnv(this.podContext("haproxy-start", "node1"));
    const dnsConf = writeDnsmasqConfig(this.subdir("dns"), this.dnsIp, {
      a: { [EXTERNAL_HOST_NAME]: [external.ip] },
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
    for (let i = 0; i < ZONES.length; i++) this.addNode(i);
    const replicas = deploymentStrategy(this.inputs.overlay.nginx).replicas;
    const nginx = Array.from({ length: replicas }, () => this.createNginxPod());
    await Promise.all([
      ...nginx.map((n) => waitFor(`nginx pod ${n.pod.name} to be ready`, () => n.pod.ready, 20_000, 100)),
      ...this.nodes.map((n) => n.ready()),
      waitFor("the external backend stand-in", () => accepts(external.ip, 80)),
    ]);
    await waitFor("the DNS server", () => resolves(this.dnsIp, env.NGINX_ADDRESS));
    // An app that started before its node's metadata service answers 503 for a while (it keeps a failure 2 s).
    await Promise.all(
      this.nodes.map((n) =>
        waitFor(`the metadata app on ${n.name} to read its instance metadata`, () =>
          fetch(this.nodeUrl(n.index, "metadata") + "/", { signal: AbortSignal.timeout(1000) }).then(
            (r) => (r.body?.cancel(), r.ok),
            () => false,
          ),
        ),
      ),
    );
    // Targets answer at the link layer only while connected, so a lost node is silent rather than unreachable.
    this.network.pinNeighbours(
      this.loadBalancerHost,
      this.nodes.map((n) => n.host),
    );
    // Started once the nodes are ready, as registered targets of a running NLB are healthy: HAProxy takes a
    // server down at its first failed check after start.
    this.startLoadBalancer();
    await waitFor("the load balancer", () => accepts(this.loadBalancerHost.ip, this.inputs.loadBalancerPortsByName.http.port));
  }

  /** A node joins: its namespace, metadata service and kube-proxy, and the DaemonSet's pod on it. */
  private addNode(zone: number): SimulatedNode {
    const index = this.#nodesCreated++;
    const host = this.network.addHost(`node${index + 1}`, FIRST_NODE_OCTET + index);
    this.network.addLoopbackAddress(host, IMDS_ADDRESS);
    const [availabilityZone, availabilityZoneId] = ZONES[zone];
    const instance: FakeInstance = {
      region: "us-east-1",
      availabilityZone,
      availabilityZoneId,
      instanceId: `i-0000000000000000${index + 1}`,
      instanceType: "t3.medium",
      privateIp: host.ip,
    };
    const node: SimulatedNode = new SimulatedNode(index, host, instance, {
      imds: () => this.startImds(index, host, instance),
      kubeProxy: () => this.startKubeProxy(host),
      ready: () => this.waitNodeReady(node),
      link: (up) => {
        this.network.setLink(host, up);
        for (const { pod } of node.pods) if (!pod.exited) this.network.setLink(pod.run.host, up);
        if (up) this.publish();
        else this.afterGracePeriod();
      },
    });
    this.nodes.push(node);
    node.startKubeProxy();
    this.createHaproxyPod(node);
    return node;
  }

  /** http://<load balancer>:<Service port> for a published port (http, metadata, stats). */
  loadBalancerUrl(portName: PublishedPortName): string {
    return `http://${this.loadBalancerHost.ip}:${this.inputs.loadBalancerPortsByName[portName].port}`;
  }

  /** http://<node>:<node port> of node `index` for a published port: what the load balancer forwards to. */
  nodePortUrl(index: number, portName: PublishedPortName): string {
    return `http://${this.node(index).host.ip}:${this.inputs.loadBalancerPortsByName[portName].nodePort}`;
  }

  /** http://<pod>:<container port> of node `index`'s current HAProxy pod, for a port name of the HAProxy container. */
  nodeUrl(index: number, portName: HaproxyPortName): string {
    return `http://${this.node(index).pod.address}:${this.inputs.overlay.haproxyPorts[portName]}`;
  }

  /** The node created `index`-th (node<index + 1>), while it exists. */
  node(index: number): SimulatedNode {
    const node = this.nodes.find((n) => n.index === index);
    if (!node) throw new Error(`node${index + 1} is not (or no longer) a node of the cluster`);
    return node;
  }

  /** The process id of the load balancer stand-in. */
  loadBalancerPid(): number {
    return this.running(this.#loadBalancer, "the load balancer").pid;
  }

  /** The process id of nginx pod `i`. */
  nginxPid(i: number): number {
    return this.nginx[i].pod.container("nginx").pid;
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
    const address = this.node(index).host.ip;
    const target = (await this.loadBalancerTargets(portName)).find((t) => t.address === address);
    if (!target) throw new Error(`node${index + 1} (${address}) is no target of the load balancer`);
    return target;
  }

  /** kube-proxy's health check answer on node `index`: the status the load balancer's check gets. */
  async healthCheckStatus(index: number): Promise<number> {
    const url = `http://${this.node(index).host.ip}:${this.inputs.healthCheckNodePort}${this.inputs.healthCheck.path}`;
    return fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status,
      () => 0,
    );
  }

  /** Publishes `name` → `ip` in the cluster DNS from now on, as a new load balancer's name appears after a while. */
  /**
   * Resolves once every endpoint change made so far has reached each node's kube-proxy (its nftables rules loaded),
   * with the time it did: what a test measures "once kube-proxy knew" from, instead of a fixed margin.
   */
  async endpointsPropagated(): Promise<number> {
    await this.#publishing;
    return Date.now();
  }

  publishName(name: string, ip: string): void {
    appendFileSync(join(this.dir, "dns", "late-hosts"), `${ip} ${name}\n`);
    this.running(this.#dns, "the DNS server").signal("SIGHUP");
  }

  /** nginx pod `i`'s container dies (SIGTERM: nginx's fast shutdown). */
  async stopNginx(i: number): Promise<void> {
    await this.nginx[i].pod.killContainer("nginx", "SIGTERM");
  }

  /** The kubelet restarts nginx pod `i`'s container; resolves once it accepts connections. */
  async restartNginx(i: number): Promise<void> {
    const { pod } = this.nginx[i];
    await pod.restartContainer("nginx");
    await waitFor(`nginx on ${pod.address}`, () => accepts(pod.address, this.inputs.overlay.nginxPort));
  }

  /**
   * A changed haproxy.cfg (a new ConfigMap, so a new pod template) rolled out by the DaemonSet controller with the
   * rendered updateStrategy; resolves once every old pod is gone.
   */
  async rollOutHaproxyConfig(config: string): Promise<void> {
    this.#haproxyCfg = config;
    const strategy = daemonSetStrategy(this.inputs.overlay.daemonSet, this.nodes.length);
    await rollDaemonSet(
      this.nodes.map((node) => ({ node: node.name, pod: node.pod })),
      strategy,
      {
        create: async (name) => {
          const node = this.nodes.find((n) => n.name === name);
          if (!node) throw new Error(`no node ${name}`);
          const pod = this.createHaproxyPod(node);
          await this.untilReady(pod);
          return pod;
        },
        remove: (pod) => pod.delete(),
      },
    );
  }

  /** A new nginx pod template (a changed page) rolled out by the Deployment controller with the rendered strategy. */
  async rollOutNginx(): Promise<void> {
    this.#nginxRevision++;
    const old = this.nginx.map((n) => n.pod);
    await rollDeployment(old, deploymentStrategy(this.inputs.overlay.nginx), {
      create: async () => {
        const { pod } = this.createNginxPod();
        await this.untilReady(pod);
        return pod;
      },
      remove: (pod) => pod.delete(),
    });
  }

  /**
   * `kubectl delete pod` of node `index`'s HAProxy pod: a graceful deletion. The DaemonSet controller creates the
   * replacement at once when its strategy allows a surge (pkg/controller/daemon/daemon_controller.go,
   * podsShouldBeOnNode, skips pods being deleted), else once the old pod is gone. Resolves with both done.
   */
  async deleteHaproxyPod(index: number): Promise<void> {
    const node = this.node(index);
    const { gone } = node.pod.delete();
    const surge = daemonSetStrategy(this.inputs.overlay.daemonSet, this.nodes.length).maxSurge > 0;
    if (!surge) await gone;
    await this.untilReady(this.createHaproxyPod(node));
    await gone;
  }

  /**
   * Node `index` replaced as an EKS managed node group update does it (managed-node-update-behavior): a new node
   * joins in the same zone and is registered with the load balancer; the old one is cordoned and labelled
   * node.kubernetes.io/exclude-from-external-load-balancers, which makes the service controller deregister it; its
   * pods are evicted (DaemonSet pods are not), each eviction waiting for the nginx PodDisruptionBudget; after a
   * wait its instance is terminated. Resolves with the new node.
   */
  async replaceNode(index: number, options: NodeReplacementOptions = {}): Promise<SimulatedNode> {
    const old = this.node(index);
    const zone = ZONES.findIndex(([name]) => name === old.instance.availabilityZone);
    const added = this.addNode(zone);
    await added.ready();
    const listeners = this.inputs.loadBalancerPorts.map((p) => p.name);
    await runAll(this.loadBalancerSocket, registerCommands(listeners, added.name));
    options.onStep?.("joined");
    old.unschedulable = true;
    await runAll(this.loadBalancerSocket, deregisterCommands(listeners, old.name));
    options.onStep?.("deregistered");
    const budget = findObject(this.inputs.overlay.objects, "PodDisruptionBudget", this.inputs.overlay.nginx.metadata.name);
    await drainNode(
      this.nginx.filter((n) => n.nodeName === old.name),
      budget,
      {
        healthyPods: () => this.nginx.filter((n) => n.pod.ready).length,
        evict: (nginx) => {
          nginx.pod.delete();
          this.createNginxPod();
        },
        gone: (nginx) => nginx.pod.exited,
      },
      120_000,
    );
    options.onStep?.("drained");
    await sleep(options.terminationDelayMs ?? 60_000);
    await this.terminateNode(old);
    options.onStep?.("terminated");
    return added;
  }

  /** The instance is terminated: everything on it stops at once, and the node object (and its pods) is deleted. */
  private async terminateNode(node: SimulatedNode): Promise<void> {
    await Promise.all(node.pods.map(({ pod }) => pod.kill()));
    await node.stopMetadataService();
    this.network.setLink(node.host, false);
    this.nodes.splice(this.nodes.indexOf(node), 1);
    await runAll(
      this.loadBalancerSocket,
      this.inputs.loadBalancerPorts.map((p) => `set server ${p.name}/${node.name} state maint`),
    );
    this.publish();
  }

  private get loadBalancerSocket(): string {
    return join(this.dir, "load-balancer.sock");
  }

  private async untilReady(pod: Pod): Promise<void> {
    await waitFor(`pod ${pod.name} to be ready`, () => pod.ready || (pod.exited ? `it exited` : false), 30_000, 50);
  }

  /** The next free pod address; a deleted pod's address is not reused (new pods get new addresses). */
  private podHost(name: string): TestHost {
    if (this.#nextPodOctet > POD_OCTETS.last) throw new Error("the harness ran out of pod addresses");
    const host = this.network.addHost(name, this.#nextPodOctet++, this.dnsIp);
    return host;
  }

  private podName(prefix: string): string {
    const bytes = randomBytes(5);
    return `${prefix}-${[...bytes].map((b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join("")}`;
  }

  /** A container of a pod: its program in the pod's namespace, inside cgroups with the container's limits. */
  private container(
    pod: string,
    host: TestHost,
    spec: Omit<ContainerRun, "start">,
    program: () => Omit<ProcessSpec, "logFile" | "cwd" | "name" | "host">,
    limits: ReturnType<typeof containerLimits>,
  ): ContainerRun {
    const procs = this.cgroups.create(`${pod}-${spec.name}`, limits);
    return {
      ...spec,
      start: () => {
        const { command, args, env } = program();
        return this.spawn({ name: `${pod}-${spec.name}`, host, env, command, args, cgroups: procs });
      },
    };
  }

  /** The DaemonSet creates its pod on `node` with the current template. */
  private createHaproxyPod(node: SimulatedNode): Pod {
    const { overlay } = this.inputs;
    const name = this.podName(overlay.daemonSet.metadata.name);
    const host = this.podHost(name);
    this.network.addRoute(host, `${IMDS_ADDRESS}/32`, node.host.ip);
    const dir = this.subdir("pods", name);
    const configPath = join(dir, "haproxy.cfg");
    writeFileSync(configPath, this.#haproxyCfg);
    const appDir = this.subdir("pods", name, "app");
    const context = this.podContext(name, node.name);
    const haproxy = overlay.haproxyContainer;
    const app = findContainer(overlay.daemonSet, overlay.app.container.name ?? "metadata");
    const pod = new Pod(
      {
        name,
        nodeName: node.name,
        host,
        terminationGracePeriodSeconds: gracePeriod(overlay.daemonSet),
        containers: [
          this.container(
            name,
            host,
            { name: haproxy.name, probe: this.inputs.readinessProbe, stop: containerStop(haproxy) },
            () => ({ command: this.runtimes.haproxy.binary, args: ["-W", "-db", "-f", configPath], env: this.inputs.haproxyEnv(context) }),
            containerLimits(haproxy),
          ),
          this.container(
            name,
            host,
            { name: app.name, probe: readinessProbe(app), stop: containerStop(app) },
            () => ({ ...podAppCommand(overlay.app, this.runtimes.node, appDir), env: this.inputs.appEnv(context) }),
            containerLimits(app),
          ),
        ],
      },
      (changed) => this.podChanged(changed),
    );
    node.pods.push({ pod, configPath });
    this.allPods.add(pod);
    if (node.lostAt !== undefined) this.network.setLink(host, false);
    // The pod runs under its policies from its first packet.
    this.enforcePolicies();
    pod.start();
    return pod;
  }

  /** The Deployment's ReplicaSet creates an nginx pod, scheduled on the schedulable node with the fewest. */
  private createNginxPod(): NginxPod {
    const { overlay } = this.inputs;
    const candidates = this.nodes.filter((n) => !n.unschedulable);
    const count = (node: SimulatedNode) => this.nginx.filter((n) => n.nodeName === node.name).length;
    const node = candidates.reduce((best, n) => (count(n) < count(best) ? n : best), candidates[0]);
    const name = this.podName(overlay.nginx.metadata.name);
    const host = this.podHost(name);
    const container = findContainer(overlay.nginx, "nginx");
    const conf = writeNginxConfig(this.subdir("pods", name), host.ip, overlay.nginxPort, `${name} (revision ${this.#nginxRevision})`);
    const pod = new Pod(
      {
        name,
        nodeName: node.name,
        host,
        terminationGracePeriodSeconds: gracePeriod(overlay.nginx),
        containers: [
          this.container(
            name,
            host,
            { name: "nginx", probe: readinessProbe(container), stop: containerStop(container) },
            () => ({ command: "nginx", args: ["-e", "stderr", "-c", conf] }),
            containerLimits(container),
          ),
        ],
      },
      (changed) => this.podChanged(changed),
    );
    const nginx = { host, pod, nodeName: node.name };
    this.#nginxPods.push(nginx);
    this.allPods.add(pod);
    this.enforcePolicies();
    pod.start();
    return nginx;
  }

  private podChanged(pod: Pod): void {
    if (pod.exited && this.allPods.delete(pod)) {
      for (const node of this.nodes) node.pods.splice(0, node.pods.length, ...node.pods.filter((p) => p.pod !== pod));
      this.#nginxPods = this.#nginxPods.filter((n) => n.pod !== pod);
      this.network.removeHost(pod.run.host);
      this.enforcePolicies();
    }
    this.publish();
  }

  /** The HAProxy pods' readiness as the API server has it: a lost node's kubelet reports nothing. */
  private reportedReady(pod: Pod, node: SimulatedNode | undefined, now: number): boolean {
    if (node?.lostAt === undefined) return pod.ready;
    return now - node.lostAt < NODE_MONITOR_GRACE_PERIOD_SECONDS * 1000 && (this.frozen.get(pod) ?? false);
  }

  /** Each pod's readiness when its node was lost (the last report the API server got). */
  private readonly frozen = new Map<Pod, boolean>();

  /** Once a lost node's grace period is over the node lifecycle controller marks its pods not ready. */
  private afterGracePeriod(): void {
    for (const node of this.nodes)
      for (const { pod } of node.pods) if (node.lostAt !== undefined && !this.frozen.has(pod)) this.frozen.set(pod, pod.ready);
    const timer = setTimeout(
      () => {
        this.graceTimers.delete(timer);
        this.publish();
      },
      NODE_MONITOR_GRACE_PERIOD_SECONDS * 1000 + 100,
    );
    this.graceTimers.add(timer);
  }

  /**
   * The control plane's view, sent on every change: the HAProxy Service's endpoints to each node's kube-proxy
   * (EndpointSlices), the ready nginx pods to the DNS (the headless Service's records). In order, one at a time.
   */
  private publish(): void {
    this.#publishing = this.#publishing.then(async () => {
      if (this.#stopping) return;
      const now = Date.now();
      for (const node of this.nodes) if (node.lostAt === undefined) for (const { pod } of node.pods) this.frozen.delete(pod);
      const endpoints = this.nodes.flatMap((node) =>
        node.pods
          .filter(({ pod }) => !pod.exited)
          .map(({ pod }) =>
            endpointOf({
              address: pod.address,
              nodeName: node.name,
              ready: this.reportedReady(pod, node, now),
              terminating: pod.terminating,
            }),
          ),
      );
      // A lost node's kube-proxy hears nothing from the API server; it gets the whole state again when it reconnects.
      await Promise.all(this.nodes.filter((n) => n.lostAt === undefined).map((node) => this.sendEndpoints(node, endpoints)));
      this.publishNginxRecords();
    });
    // One failed round must not stop the next ones (a rejected chain would skip every later change).
    this.#publishing = this.#publishing.catch((error: unknown) => {
      if (!this.#stopping) console.error(error);
    });
  }

  /**
   * PUTs the endpoints to a node's kube-proxy until it has loaded them: a watch does not lose an update, so a slow
   * node (a loaded machine) must not either. Gives up only when the node is lost or gone, or after 20 attempts.
   */
  private async sendEndpoints(node: SimulatedNode, endpoints: readonly Endpoint[]): Promise<void> {
    const reachable = () => !this.#stopping && node.lostAt === undefined && this.nodes.includes(node);
    for (let attempt = 1; attempt <= 20 && reachable(); attempt++) {
      const delivered = await fetch(`http://${node.host.ip}:${this.controlPort}/endpoints`, {
        method: "PUT",
        body: JSON.stringify(endpoints),
        signal: AbortSignal.timeout(5000),
      }).then(
        async (r) => (await r.body?.cancel(), r.ok),
        () => false,
      );
      if (delivered) return;
      await sleep(200);
    }
    if (reachable()) console.error(`${node.name}'s kube-proxy never took the endpoints`);
  }

  private publishNginxRecords(): void {
    const name = this.inputs.haproxyEnv(this.podContext("haproxy-dns", "node1")).NGINX_ADDRESS;
    const records = this.#nginxPods
      .filter((n) => n.pod.ready && !n.pod.terminating)
      .map((n) => `${n.pod.address} ${name}\n`)
      .join("");
    if (records === this.#dnsRecords || !this.#dns?.running) return;
    this.#dnsRecords = records;
    writeFileSync(join(this.dir, "dns", "service-hosts"), records);
    this.#dns.signal("SIGHUP");
  }

  /** The rendered NetworkPolicies for the pods that exist now (a policy names pods, so new addresses change the rules). */
  private enforcePolicies(): void {
    if (!this.#dnsHost) return;
    const haproxy = this.nodes.flatMap((n) => n.pods.filter(({ pod }) => !pod.exited).map(({ pod }) => pod.run.host));
    const nginx = this.#nginxPods.filter((n) => !n.pod.exited).map((n) => n.host);
    enforceNetworkPolicies(this.inputs.overlay, { haproxy, nginx, dns: this.#dnsHost }, [this.network.gateway], this.appliedPolicies);
  }

  private startImds(i: number, host: TestHost, instance: FakeInstance): ManagedProcess {
    return this.spawn({
      name: `node${i + 1}-imds`,
      host,
      command: process.execPath,
      args: ["--import", "tsx", "harness/fake-imds-main.ts", IMDS_ADDRESS, "80", JSON.stringify(instance)],
    });
  }

  /** Where each node's kube-proxy model takes the Service's endpoints from the control plane's model. */
  get controlPort(): number {
    return this.inputs.healthCheckNodePort + 1;
  }

  /** kube-proxy's model in the node's namespace: node ports forwarded to the usable endpoints, the health check port. */
  private startKubeProxy(host: TestHost): void {
    const config: KubeProxyModelConfig = {
      nodeName: host.name,
      address: host.ip,
      service: this.inputs.service,
      externalTrafficPolicy: this.inputs.externalTrafficPolicy,
      healthCheckNodePort: this.inputs.healthCheckNodePort,
      ports: this.inputs.loadBalancerPorts.map((p) => ({ nodePort: p.nodePort, targetPort: p.containerPort })),
      controlPort: this.controlPort,
    };
    const path = join(this.subdir(host.name), "kube-proxy.json");
    writeFileSync(path, JSON.stringify(config));
    this.spawn({
      name: `${host.name}-kube-proxy`,
      host,
      command: process.execPath,
      args: ["--import", "tsx", "harness/kube-proxy-main.ts", path],
    });
  }

  /** What the kubelet gives a pod of the DaemonSet, with this run's stats credentials. */
  private podContext(podName: string, nodeName: string): { podName: string; nodeName: string; secrets: Record<string, string> } {
    const secret = this.inputs.overlay.statsSecret;
    return {
      podName,
      nodeName,
      secrets: {
        [`${secret.name}/${secret.usernameKey}`]: this.stats.username,
        [`${secret.name}/${secret.passwordKey}`]: this.stats.password,
      },
    };
  }

  private async waitNodeReady(node: SimulatedNode): Promise<void> {
    await waitFor(`${node.name}'s kube-proxy model`, () => accepts(node.host.ip, this.controlPort));
    const pod = node.pod;
    await this.untilReady(pod);
    this.publish();
    // The app's own answers (200, or 503 without instance metadata) are JSON; HAProxy's "no server" page is not.
    await waitFor(`HAProxy's metadata backend in ${pod.name}`, () =>
      fetch(`http://${pod.address}:${this.inputs.overlay.haproxyPorts.metadata}/`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => (r.body?.cancel(), (r.headers.get("content-type") ?? "").includes("application/json")),
        () => false,
      ),
    );
    await waitFor(
      `kube-proxy's health check on ${node.name} to answer 200`,
      async () => (await this.healthCheckStatus(node.index)) === 200,
    );
  }

  /** The NLB, modelled by HAProxy in TCP mode, its configuration generated from the rendered Service. */
  private startLoadBalancer(): void {
    const config = join(this.subdir("load-balancer"), "haproxy.cfg");
    const spare = Array.from({ length: SPARE_NODES }, (_, i) => {
      const index = this.#nodesCreated + i;
      return { name: `node${index + 1}`, address: `${this.network.subnet}.${FIRST_NODE_OCTET + index}`, registered: false };
    });
    writeFileSync(
      config,
      nlbHaproxyConfig({
        address: this.loadBalancerHost.ip,
        // kube-proxy forwards each node port to the pods it chooses (the local ones only, with Local).
        listeners: this.inputs.loadBalancerPorts.map((p) => ({ name: p.name, port: p.port, targetPort: p.nodePort })),
        targets: [...this.nodes.map((n) => ({ name: n.host.name, address: n.host.ip })), ...spare],
        healthCheck: this.inputs.healthCheck,
        statsPort: this.adminPort,
        socket: this.loadBalancerSocket,
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
    this.#stopping = true;
    this.graceTimers.forEach(clearTimeout);
    // At most one PUT's timeout: sendEndpoints gives up once stopping.
    await this.#publishing;
    this.allPods.forEach((p) => p.dispose());
    await Promise.all([...this.processes].map((p) => p.stop("SIGTERM", 3000)));
    this.teardownSync();
  }

  private teardownSync(): void {
    this.graceTimers.forEach(clearTimeout);
    this.allPods.forEach((p) => p.dispose());
    this.processes.forEach((p) => p.killSync());
    this.network.destroy();
    this.cgroups.removeAll();
    if (!process.env.EKS_POC_KEEP_HARNESS_LOGS) rmSync(this.dir, { recursive: true, force: true });
    process.removeListener("exit", this.onExit);
    process.removeListener("SIGINT", this.onSignal);
    process.removeListener("SIGTERM", this.onSignal);
  }
}

/** A workload's pod template's terminationGracePeriodSeconds, or Kubernetes' default. */
function gracePeriod(workload: KubernetesObject): number {
  return podTemplate(workload)?.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_PERIOD_SECONDS;
}

async function resolves(server: string, name: string): Promise<boolean> {
  const resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([server]);
  return resolver.resolve4(name).then(
    (a) => a.length > 0,
    () => false,
  );
}
