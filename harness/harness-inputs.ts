import { containerEnvironment, PodContext } from "../kubernetes/container-env";
import { KubernetesObject, findConfigMap, findContainer, findObject } from "../kubernetes/kubernetes-object";
import { ReadinessProbe, readinessProbe } from "./kube-proxy/readiness-probe";
import { NlbHealthCheck, nlbHealthCheck } from "./nlb/nlb-health-check";

/** The API server allocates a Service's healthCheckNodePort from the node port range when the Service sets none; this one stands in for it. */
const DEFAULT_HEALTH_CHECK_NODE_PORT = 31000;

/** A Service port and the container port it reaches. */
export interface PortMapping {
  readonly name: string;
  readonly port: number;
  readonly containerPort: number;
  /** The node port kube-proxy opens for it (the Service's, or one the harness picks as the API server would allocate one). */
  readonly nodePort: number;
}

/**
 * Everything the local cluster runs, read from the rendered overlay: nothing
 * is copied by hand, so a change to haproxy.cfg, the app, a port or an
 * annotation is what the harness runs.
 */
export class HarnessInputs {
  readonly daemonSet: KubernetesObject;
  readonly haproxyCfg: string;
  readonly appFiles: Record<string, string>;
  /** The app container's command, e.g. ["node", "...", "/opt/metadata-app/main.mts"]. */
  readonly appCommand: string[];
  readonly appMountPath: string;
  readonly appPort: number;
  readonly haproxyPorts: Record<string, number>;
  readonly loadBalancerPorts: PortMapping[];
  /** The NLB target groups' health check, as cloud-provider-aws builds it from the Service. */
  readonly healthCheck: NlbHealthCheck;
  readonly service: { readonly namespace: string; readonly name: string };
  readonly externalTrafficPolicy: "Local" | "Cluster";
  /** kube-proxy's health check port for the Service (externalTrafficPolicy Local). */
  readonly healthCheckNodePort: number;
  /**
   * The HAProxy container's readiness probe, which the kube-proxy model's health check port follows. On EKS the
   * pod is ready only when the metadata container's probe passes too; the model leaves that one out.
   */
  readonly readinessProbe: ReadinessProbe;
  readonly nginxPort: number;
  readonly nginxReplicas: number;
  /** The path HAProxy's readiness probe asks. */
  readonly healthPath: string;

  constructor(readonly objects: readonly KubernetesObject[]) {
    this.daemonSet = findObject(objects, "DaemonSet", "haproxy");
    this.haproxyCfg = findConfigMap(objects, "haproxy-config").data!["haproxy.cfg"];
    this.appFiles = { ...findConfigMap(objects, "metadata-app").data! };
    const haproxy = findContainer(this.daemonSet, "haproxy");
    const app = findContainer(this.daemonSet, "metadata");
    this.appCommand = app.command;
    this.appMountPath = app.volumeMounts.find((m: { name: string }) => m.name === "metadata-app").mountPath;
    this.appPort = app.ports[0].containerPort;
    this.healthPath = haproxy.readinessProbe.httpGet.path;
    this.haproxyPorts = Object.fromEntries(haproxy.ports.map((p: { name: string; containerPort: number }) => [p.name, p.containerPort]));

    const service = findObject(objects, "Service", "haproxy");
    // The stats page's own Service too: one stand-in listens for both, as if statsSourceRanges were set.
    const loadBalancers = objects.filter((o) => o.kind === "Service" && o.spec?.type === "LoadBalancer");
    type ServicePort = { name: string; port: number; targetPort: string | number; nodePort?: number };
    this.loadBalancerPorts = loadBalancers.flatMap((s) => s.spec.ports as ServicePort[]).map((p, i) => ({
      name: p.name,
      port: p.port,
      containerPort: typeof p.targetPort === "number" ? p.targetPort : this.haproxyPorts[p.targetPort],
      nodePort: p.nodePort ?? 30000 + i,
    }));
    this.externalTrafficPolicy = service.spec.externalTrafficPolicy === "Local" ? "Local" : "Cluster";
    this.service = { namespace: service.metadata.namespace ?? "default", name: service.metadata.name };
    this.healthCheckNodePort = service.spec.healthCheckNodePort ?? DEFAULT_HEALTH_CHECK_NODE_PORT;
    this.healthCheck = nlbHealthCheck(service, this.healthCheckNodePort);
    this.readinessProbe = readinessProbe(haproxy);
    const nginx = findObject(objects, "Deployment", "nginx");
    this.nginxPort = findContainer(nginx, "nginx").ports[0].containerPort;
    this.nginxReplicas = nginx.spec.replicas;
  }

  haproxyEnv(pod: PodContext): Record<string, string> {
    return containerEnvironment(this.daemonSet, "haproxy", pod);
  }

  appEnv(pod: PodContext): Record<string, string> {
    return containerEnvironment(this.daemonSet, "metadata", pod);
  }

  /** The port HAProxy's probes ask. */
  get healthPort(): number {
    return this.haproxyPorts.health;
  }
}
