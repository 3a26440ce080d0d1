import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { failingTargetWindowSeconds, nlbHealthCheck, silentTargetWindowSeconds } from "../../harness/nlb/nlb-health-check";
import { renderedPoc } from "../helpers/rendered";

const PREFIX = "service.beta.kubernetes.io/aws-load-balancer-healthcheck-";

function service(policy: "Local" | "Cluster", annotations: Record<string, string> = {}): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "lb", annotations },
    spec: { type: "LoadBalancer", externalTrafficPolicy: policy },
  };
}

describe("nlbHealthCheck", () => {
  it("defaults as cloud-provider-aws does for externalTrafficPolicy Local: HTTP to the health check node port, 10 s, 2/2, 6 s timeout", () => {
    expect(nlbHealthCheck(service("Local"), 31234)).toEqual({
      protocol: "HTTP",
      port: 31234,
      path: "/healthz",
      intervalSeconds: 10,
      timeoutSeconds: 6,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
    });
  });

  it("defaults as cloud-provider-aws does for Cluster: TCP to the traffic port, 30 s, 3/3, 10 s timeout", () => {
    expect(nlbHealthCheck(service("Cluster"), 31234)).toEqual({
      protocol: "TCP",
      port: "traffic-port",
      path: "",
      intervalSeconds: 30,
      timeoutSeconds: 10,
      healthyThreshold: 3,
      unhealthyThreshold: 3,
    });
  });

  it("takes the interval and thresholds from the annotations, and ignores a timeout annotation as the controller does", () => {
    const custom = service("Local", {
      [`${PREFIX}interval`]: "7",
      [`${PREFIX}healthy-threshold`]: "3",
      [`${PREFIX}unhealthy-threshold`]: "4",
      [`${PREFIX}timeout`]: "2",
    });
    expect(nlbHealthCheck(custom, 31000)).toMatchObject({
      intervalSeconds: 7,
      healthyThreshold: 3,
      unhealthyThreshold: 4,
      timeoutSeconds: 6,
    });
  });

  it.each([
    ["interval", "4", "from 5 to 300"],
    ["interval", "ten", "from 5 to 300"],
    ["unhealthy-threshold", "1", "from 2 to 10"],
    ["healthy-threshold", "11", "from 2 to 10"],
  ])("refuses %s=%s, naming the annotation and AWS's range", (key, value, range) => {
    expect(() => nlbHealthCheck(service("Local", { [PREFIX + key]: value }), 31000)).toThrow(
      `Service lb: annotation ${PREFIX}${key}="${value}" is not an integer ${range} (AWS's range for NLB target groups)`,
    );
  });

  it("refuses health check annotations the harness does not model", () => {
    expect(() => nlbHealthCheck(service("Local", { [`${PREFIX}path`]: "/ready" }), 31000)).toThrow(
      `annotation ${PREFIX}path is not modelled`,
    );
  });

  it("bounds detection: a silent target needs threshold x interval + timeout, a failing one threshold x interval", () => {
    const check = nlbHealthCheck(service("Local", { [`${PREFIX}interval`]: "7" }), 31000);
    expect(silentTargetWindowSeconds(check)).toBe(2 * 7 + 6);
    expect(failingTargetWindowSeconds(check)).toBe(2 * 7);
  });

  it("reads the rendered Service: Local, no timeout promise, interval and thresholds within AWS's ranges", () => {
    const check = nlbHealthCheck(new RenderedOverlay(renderedPoc()).mainService, 31000);
    expect(check).toMatchObject({ protocol: "HTTP", path: "/healthz", timeoutSeconds: 6 });
  });
});
