import { containerEnvironment, PodContext } from "../kubernetes/container-env";
import { KubernetesObject, findConfigMap, findContainer, findObject } from "../kubernetes/kubernetes-object";

const ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-healthcheck-";

/** The load balancer's health check, from the Service's annotations. */
export interface HealthCheckSettings {
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

/** A Service port and the container port it reaches. */
export interface PortMapping {
  readonly name: string;
  readonly port: number;
  readonly containerPort: number;
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
  readonly healthCheck: HealthCheckSettings;
  readonly nginxPort: number;
  readonly nginxReplicas: number;
  /** The path HAProxy's readiness probe asks, and so what the load balancer's health check follows. */
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
    this.loadBalancerPorts = loadBalancers.flatMap((s) => s.spec.ports).map((p: { name: string; port: number; targetPort: string | number }) => ({
      name: p.name,
      port: p.port,
      containerPort: typeof p.targetPort === "number" ? p.targetPort : this.haproxyPorts[p.targetPort],
    }));
    const annotation = (key: string) => Number(service.metadata.annotations?.[ANNOTATION + key]);
    this.healthCheck = {
      intervalSeconds: annotation("interval"),
      timeoutSeconds: annotation("timeout"),
      healthyThreshold: annotation("healthy-threshold"),
      unhealthyThreshold: annotation("unhealthy-threshold"),
    };
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

  /** The port HAProxy's probes (and so the load balancer's health checks) ask. */
  get healthPort(): number {
    return this.haproxyPorts.health;
  }
}
