/** One endpoint of the Service as an EndpointSlice carries it: a pod's address, its node and its conditions. */
export interface Endpoint {
  readonly address: string;
  readonly nodeName: string;
  /** Ready and not terminating. */
  readonly ready: boolean;
  /** Ready, whether terminating or not. */
  readonly serving: boolean;
  /** The pod is being deleted. */
  readonly terminating: boolean;
}

/** What the control plane knows of a pod: the kubelet's last readiness report and whether it is being deleted. */
export interface PodStatus {
  readonly address: string;
  readonly nodeName: string;
  readonly ready: boolean;
  readonly terminating: boolean;
}

/**
 * The EndpointSlice controller's conditions for a pod (kubernetes/kubernetes
 * staging/src/k8s.io/endpointslice/utils.go, podToEndpoint): `serving` follows the
 * pod's Ready condition, `ready` is that and not terminating, `terminating`
 * is a deletion timestamp. The Services here do not publish not-ready addresses.
 */
export function endpointOf(pod: PodStatus): Endpoint {
  return {
    address: pod.address,
    nodeName: pod.nodeName,
    ready: pod.ready && !pod.terminating,
    serving: pod.ready,
    terminating: pod.terminating,
  };
}

/**
 * The endpoints kube-proxy on `nodeName` forwards a Service's external traffic
 * to (kubernetes/kubernetes pkg/proxy/topology.go, CategorizeEndpoints, no
 * topology hints): the ready ones, of this node only with
 * externalTrafficPolicy Local; when there are none, the serving terminating
 * ones of the same scope (KEP-1669, GA in 1.28). An empty list means kube-proxy
 * drops the traffic.
 */
export function usableEndpoints(endpoints: readonly Endpoint[], policy: "Local" | "Cluster", nodeName: string): Endpoint[] {
  const inScope = endpoints.filter((e) => policy === "Cluster" || e.nodeName === nodeName);
  const ready = inScope.filter((e) => e.ready);
  return ready.length > 0 ? ready : inScope.filter((e) => e.serving && e.terminating);
}

/**
 * What kube-proxy's healthCheckNodePort counts (pkg/proxy/endpointsmap.go,
 * LocalReadyEndpoints, served by pkg/proxy/healthcheck/service_health.go):
 * this node's ready endpoints, by address. Terminating endpoints never count,
 * even while they still serve, so a node whose only pod is terminating answers
 * 503 and the load balancer stops sending it new connections.
 */
export function localReadyEndpoints(endpoints: readonly Endpoint[], nodeName: string): number {
  return new Set(endpoints.filter((e) => e.nodeName === nodeName && e.ready).map((e) => e.address)).size;
}
