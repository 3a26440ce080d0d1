import type { IContainer } from "kubernetes-models/v1/Container";
import type { IService } from "kubernetes-models/v1/Service";
import type { IServicePort } from "kubernetes-models/v1/ServicePort";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { KubernetesObject, Typed } from "./kubernetes-object";
import { findConfigMap, findContainer, findObject, podTemplate, typed } from "./kubernetes-object";

/** A rendered Service of type LoadBalancer. */
export type LoadBalancerService = Typed<IService>;

/** The ports HAProxy's container names: traffic (http), the metadata app (metadata), the stats page (stats), its probes (health). */
export type HaproxyPortName = "http" | "metadata" | "stats" | "health";
/** The HAProxy ports a load balancer publishes; health is for the kubelet only. */
export const PUBLISHED_PORT_NAMES = ["http", "metadata", "stats"] as const;
export type PublishedPortName = (typeof PUBLISHED_PORT_NAMES)[number];

/** One port of a LoadBalancer Service and where it lands in the HAProxy container. */
export interface PublishedPort {
  readonly name: PublishedPortName;
  /** The Service port, which the load balancer listens on (80, 5000, 9000). */
  readonly port: number;
  /** The HAProxy container port its targetPort resolves to. */
  readonly containerPort: number;
  /** The node port the Service fixes, if any (the API server allocates one otherwise). */
  readonly nodePort?: number;
  /** metadata.name of the Service that publishes it. */
  readonly serviceName: string;
}

/** The Secret HAProxy reads its stats credentials from: the workloads stack creates it, the overlay only names it. */
export interface StatsSecret {
  readonly name: string;
  /** The key STATS_USER reads. */
  readonly usernameKey: string;
  /** The key STATS_PASSWORD reads. */
  readonly passwordKey: string;
}

/** The metadata app's container: what the pod runs and the files its ConfigMap mounts. */
export interface MetadataApp {
  readonly container: IContainer;
  readonly image: string;
  /** The container's command, e.g. ["node", "…", "/opt/metadata-app/main.mts"]. */
  readonly command: readonly string[];
  readonly port: number;
  /** Where the app's ConfigMap is mounted in the container. */
  readonly mountPath: string;
  /** The ConfigMap's files by name. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The facts the stack, verify, the harness and the tests read from the rendered
 * overlay, derived once and named. Building it refuses, in one line, an overlay
 * that lacks a part the project needs.
 */
export class RenderedOverlay {
  /** HAProxy's DaemonSet, one pod per node. */
  readonly daemonSet: KubernetesObject;
  readonly haproxyContainer: IContainer;
  /** The HAProxy container's ports by name. */
  readonly haproxyPorts: Readonly<Record<HaproxyPortName, number>>;
  readonly haproxyImage: string;
  /** The generated ConfigMap of haproxy.cfg (its name carries kustomize's hash suffix). */
  readonly haproxyConfigMap: KubernetesObject;
  /** haproxy.cfg of that ConfigMap. */
  readonly haproxyCfg: string;
  readonly app: MetadataApp;
  /** Which Service publishes which HAProxy port, and at which port. */
  readonly publishedPorts: Readonly<Record<PublishedPortName, PublishedPort>>;
  /** The LoadBalancer Service of ports http and metadata. */
  readonly mainService: LoadBalancerService;
  /** The stats page's own LoadBalancer Service, applied only when statsSourceRanges is set. */
  readonly statsService: LoadBalancerService;
  readonly statsSecret: StatsSecret;
  /** The nginx backend's Deployment. */
  readonly nginx: KubernetesObject;
  readonly nginxPort: number;
  readonly nginxReplicas: number;
  readonly networkPolicies: ReadonlyArray<Typed<INetworkPolicy>>;
  /** The namespace of the HAProxy pods. */
  readonly namespace: string;

  constructor(readonly objects: readonly KubernetesObject[]) {
    this.daemonSet = findObject(objects, "DaemonSet", "haproxy");
    this.namespace = this.daemonSet.metadata.namespace ?? "default";
    this.haproxyContainer = findContainer(this.daemonSet, "haproxy");
    this.haproxyImage = required(this.haproxyContainer.image, "the haproxy container names no image");
    this.haproxyPorts = haproxyPorts(this.haproxyContainer);
    this.haproxyConfigMap = findConfigMap(objects, "haproxy-config");
    this.haproxyCfg = required(
      this.haproxyConfigMap.data?.["haproxy.cfg"],
      `ConfigMap ${this.haproxyConfigMap.metadata.name} has no haproxy.cfg`,
    );
    this.app = metadataApp(this.daemonSet, findConfigMap(objects, "metadata-app"));
    const services = ofKind<IService>(objects, "Service").filter((s) => s.spec?.type === "LoadBalancer");
    const published = publishedPorts(services, this.haproxyPorts);
    this.publishedPorts = published.ports;
    this.mainService = published.services.http;
    this.statsService = published.services.stats;
    if (this.publishedPorts.metadata.serviceName !== this.mainService.metadata.name) {
      throw overlayError(
        `port metadata is on Service ${this.publishedPorts.metadata.serviceName}, not beside http on ${this.mainService.metadata.name}`,
      );
    }
    if (this.statsService === this.mainService) {
      throw overlayError(
        `port stats needs a Service of its own (statsSourceRanges decides whether it is applied), not ${this.mainService.metadata.name}`,
      );
    }
    this.statsSecret = statsSecret(this.haproxyContainer);
    this.nginx = findObject(objects, "Deployment", "nginx");
    this.nginxPort = required(findContainer(this.nginx, "nginx").ports?.[0]?.containerPort, "the nginx container declares no port");
    this.nginxReplicas = typed<IDeployment>(this.nginx).spec?.replicas ?? 1;
    this.networkPolicies = ofKind<INetworkPolicy>(objects, "NetworkPolicy");
  }

  /** The published ports of `service`, in the order http, metadata, stats. */
  portsOf(service: KubernetesObject): PublishedPort[] {
    return PUBLISHED_PORT_NAMES.map((name) => this.publishedPorts[name]).filter((p) => p.serviceName === service.metadata.name);
  }
}

function ofKind<T>(objects: readonly KubernetesObject[], kind: string): Array<Typed<T>> {
  return objects.filter((o) => o.kind === kind).map((o) => typed<T>(o));
}

function overlayError(problem: string): Error {
  return new Error(`rendered overlay: ${problem}`);
}

function required<T>(value: T | undefined | null, problem: string): T {
  if (value === undefined || value === null) throw overlayError(problem);
  return value;
}

function haproxyPorts(container: IContainer): Record<HaproxyPortName, number> {
  const ports = container.ports ?? [];
  const port = (name: HaproxyPortName) => {
    const found = ports.find((p) => p.name === name);
    if (!found)
      throw overlayError(`the haproxy container has no port named ${name} (it names ${ports.map((p) => p.name).join(", ") || "none"})`);
    return found.containerPort;
  };
  return { http: port("http"), metadata: port("metadata"), stats: port("stats"), health: port("health") };
}

function metadataApp(daemonSet: KubernetesObject, configMap: KubernetesObject): MetadataApp {
  const app = findContainer(daemonSet, "metadata");
  // The mount of the pod volume that holds the app's ConfigMap.
  const volume = podTemplate(daemonSet)?.spec?.volumes?.find((v) => v.configMap?.name === configMap.metadata.name)?.name;
  const mount = app.volumeMounts?.find((m) => m.name === volume);
  return {
    container: app,
    image: required(app.image, "the metadata container names no image"),
    command: required(app.command, "the metadata container has no command"),
    port: required(app.ports?.[0]?.containerPort, "the metadata container declares no port"),
    mountPath: required(mount?.mountPath, `the metadata container mounts no volume of ConfigMap ${configMap.metadata.name}`),
    files: { ...configMap.data },
  };
}

/** Each published port, and the Service that publishes it. */
function publishedPorts(
  services: readonly LoadBalancerService[],
  containerPorts: Record<HaproxyPortName, number>,
): {
  ports: Record<PublishedPortName, PublishedPort>;
  services: Record<PublishedPortName, LoadBalancerService>;
} {
  const found = (name: PublishedPortName) => {
    const found = services.flatMap((s) =>
      (s.spec?.ports ?? []).filter((p: IServicePort) => p.name === name).map((p: IServicePort) => ({ service: s, port: p })),
    );
    if (found.length !== 1) {
      throw overlayError(`expected one LoadBalancer Service port named ${name}, found ${found.length}`);
    }
    const [{ service, port }] = found;
    const target = port.targetPort ?? port.port;
    const containerPort = typeof target === "number" ? target : containerPorts[target as HaproxyPortName];
    if (containerPort === undefined) {
      throw overlayError(`Service ${service.metadata.name} port ${name} targets ${target}, which the haproxy container does not name`);
    }
    const published: PublishedPort = {
      name,
      port: port.port,
      containerPort,
      serviceName: service.metadata.name,
      ...(port.nodePort ? { nodePort: port.nodePort } : {}),
    };
    return { published, service };
  };
  const [http, metadata, stats] = [found("http"), found("metadata"), found("stats")];
  return {
    ports: { http: http.published, metadata: metadata.published, stats: stats.published },
    services: { http: http.service, metadata: metadata.service, stats: stats.service },
  };
}

function statsSecret(container: IContainer): StatsSecret {
  const ref = (variable: string) => {
    const selector = container.env?.find((e) => e.name === variable)?.valueFrom?.secretKeyRef;
    if (!selector?.name) throw overlayError(`the haproxy container reads ${variable} from no Secret`);
    return { name: selector.name, key: selector.key };
  };
  const [user, password] = [ref("STATS_USER"), ref("STATS_PASSWORD")];
  if (user.name !== password.name)
    throw overlayError(`STATS_USER and STATS_PASSWORD come from two Secrets (${user.name}, ${password.name})`);
  return { name: password.name, usernameKey: user.key, passwordKey: password.key };
}
