import type { PodContext } from "../kubernetes/container-env";
import { containerEnvironment } from "../kubernetes/container-env";
import type { KubernetesObject } from "../kubernetes/kubernetes-object";
import type { PublishedPortName } from "../kubernetes/rendered-overlay";
import { PUBLISHED_PORT_NAMES, RenderedOverlay } from "../kubernetes/rendered-overlay";
import type { ReadinessProbe } from "./kube-proxy/readiness-probe";
import { readinessProbe } from "./kube-proxy/readiness-probe";
import type { NlbHealthCheck } from "./nlb/nlb-health-check";
import { nlbHealthCheck } from "./nlb/nlb-health-check";

/** The API server allocates a Service's healthCheckNodePort from the node port range when the Service sets none; this one stands in for it. */
const DEFAULT_HEALTH_CHECK_NODE_PORT = 31000;
/** The same for the node ports of the published ports, in the order http, metadata, stats. */
const FIRST_NODE_PORT = 30000;

/** A Service port and the container port it reaches. */
export interface PortMapping {
  readonly name: PublishedPortName;
  readonly port: number;
  readonly containerPort: number;
  /** The node port kube-proxy opens for it (the Service's, or one the harness picks as the API server would allocate one). */
  readonly nodePort: number;
}

/**
 * What the local cluster runs, beyond the overlay's own facts (`overlay`):
 * what Kubernetes and cloud-provider-aws would derive from them — node ports,
 * the NLB's health check, the readiness probe with the API's defaults, the
 * containers' environments. Nothing is copied by hand, so a change to
 * haproxy.cfg, the app, a port or an annotation is what the harness runs.
 */
export class HarnessInputs {
  readonly overlay: RenderedOverlay;
  /** Every published port (the stats page's Service too: one stand-in listens for all, as if statsSourceRanges were set). */
  readonly loadBalancerPorts: readonly PortMapping[];
  /** The same by name. */
  readonly loadBalancerPortsByName: Readonly<Record<PublishedPortName, PortMapping>>;
  /** The NLB target groups' health check, as cloud-provider-aws builds it from the main Service. */
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

  constructor(objects: readonly KubernetesObject[]) {
    const overlay = new RenderedOverlay(objects);
    this.overlay = overlay;
    const mapping = (name: PublishedPortName): PortMapping => {
      const { port, containerPort, nodePort } = overlay.publishedPorts[name];
      return { name, port, containerPort, nodePort: nodePort ?? FIRST_NODE_PORT + PUBLISHED_PORT_NAMES.indexOf(name) };
    };
    this.loadBalancerPortsByName = { http: mapping("http"), metadata: mapping("metadata"), stats: mapping("stats") };
    this.loadBalancerPorts = PUBLISHED_PORT_NAMES.map((name) => this.loadBalancerPortsByName[name]);
    const service = overlay.mainService;
    this.externalTrafficPolicy = service.spec?.externalTrafficPolicy === "Local" ? "Local" : "Cluster";
    this.service = { namespace: service.metadata.namespace ?? "default", name: service.metadata.name };
    this.healthCheckNodePort = service.spec?.healthCheckNodePort ?? DEFAULT_HEALTH_CHECK_NODE_PORT;
    this.healthCheck = nlbHealthCheck(service, this.healthCheckNodePort);
    this.readinessProbe = readinessProbe(overlay.haproxyContainer);
  }

  haproxyEnv(pod: PodContext): Record<string, string> {
    return containerEnvironment(this.overlay.daemonSet, "haproxy", pod);
  }

  appEnv(pod: PodContext): Record<string, string> {
    return containerEnvironment(this.overlay.daemonSet, "metadata", pod);
  }
}
