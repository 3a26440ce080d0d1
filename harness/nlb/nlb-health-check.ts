import type { IService } from "kubernetes-models/v1/Service";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { typed } from "../../kubernetes/kubernetes-object";

const PREFIX = "service.beta.kubernetes.io/aws-load-balancer-healthcheck-";

/**
 * AWS's timeout for an NLB's HTTP health checks. cloud-provider-aws never
 * sends HealthCheckTimeoutSeconds when it creates or modifies the target group
 * (pkg/providers/v1/aws_loadbalancer.go, ensureTargetGroup), so AWS's default
 * applies whatever the healthcheck-timeout annotation says: 6 s for HTTP,
 * 10 s for TCP and HTTPS.
 */
export const NLB_HEALTH_CHECK_TIMEOUT_SECONDS = { HTTP: 6, TCP: 10 } as const;

/** The health check of the NLB's target groups, as cloud-provider-aws configures it from a Service. */
export interface NlbHealthCheck {
  readonly protocol: "HTTP" | "TCP";
  /** A node port, or "traffic-port": the port each target receives traffic on. */
  readonly port: number | "traffic-port";
  /** Asked by HTTP checks; empty for TCP. */
  readonly path: string;
  readonly intervalSeconds: number;
  /** AWS's fixed timeout for the protocol (the annotation is never sent). */
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

/**
 * What cloud-provider-aws's buildNLBHealthCheckConfiguration (pkg/providers/v1/aws.go)
 * derives from a LoadBalancer Service: with externalTrafficPolicy Local an HTTP
 * check of kube-proxy's healthCheckNodePort at /healthz, every 10 s, thresholds
 * 2/2; otherwise a TCP check of the traffic port every 30 s, thresholds 3/3;
 * then the interval and threshold annotations. `healthCheckNodePort` stands in
 * for the port the API server allocates when the Service does not set one.
 * Values outside AWS's ranges (interval 5-300 s, thresholds 2-10) are refused.
 */
export function nlbHealthCheck(service: KubernetesObject, healthCheckNodePort: number): NlbHealthCheck {
  const annotations = service.metadata.annotations ?? {};
  const local = typed<IService>(service).spec?.externalTrafficPolicy === "Local";
  const protocol = local ? "HTTP" : "TCP";
  const number = (key: string, fallback: number, min: number, max: number): number => {
    const text = annotations[PREFIX + key];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(
        `Service ${service.metadata.name}: annotation ${PREFIX}${key}="${text}" is not an integer from ${min} to ${max} (AWS's range for NLB target groups)`,
      );
    }
    return value;
  };
  for (const key of ["protocol", "port", "path"]) {
    if (annotations[PREFIX + key] !== undefined)
      throw new Error(
        `Service ${service.metadata.name}: annotation ${PREFIX}${key} is not modelled by the harness; remove it or extend nlbHealthCheck`,
      );
  }
  const threshold = local ? 2 : 3;
  return {
    protocol,
    port: local ? healthCheckNodePort : "traffic-port",
    path: local ? "/healthz" : "",
    intervalSeconds: number("interval", local ? 10 : 30, 5, 300),
    timeoutSeconds: NLB_HEALTH_CHECK_TIMEOUT_SECONDS[protocol],
    healthyThreshold: number("healthy-threshold", threshold, 2, 10),
    unhealthyThreshold: number("unhealthy-threshold", threshold, 2, 10),
  };
}

/**
 * The longest time from a target going silent (no answer at all, e.g. the node
 * is lost) until the load balancer marks it unhealthy: the next check starts
 * within one interval, and `unhealthyThreshold` checks, one interval apart,
 * must each time out.
 */
export function silentTargetWindowSeconds(check: NlbHealthCheck): number {
  return check.unhealthyThreshold * check.intervalSeconds + check.timeoutSeconds;
}

/** The longest time from a target answering "unhealthy" at once (e.g. HTTP 503) until it is marked unhealthy. */
export function failingTargetWindowSeconds(check: NlbHealthCheck): number {
  return check.unhealthyThreshold * check.intervalSeconds;
}
