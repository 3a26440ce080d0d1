import { HarnessInputs } from "../../harness/harness-inputs";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { renderedPoc } from "../helpers/rendered";

/** The poc objects with the main Service's spec changed. */
function withMainService(change: (spec: Record<string, any>) => Record<string, any>): KubernetesObject[] {
  return renderedPoc().map((o) => (o.kind === "Service" && o.metadata.name === "prd-haproxy" ? { ...o, spec: change(o.spec) } : o));
}

describe("HarnessInputs", () => {
  it("defaults: node ports picked in the order http, metadata, stats, kube-proxy's health check port, Local's HTTP check", () => {
    const inputs = new HarnessInputs(renderedPoc());
    expect(inputs.loadBalancerPorts).toEqual([
      { name: "http", port: 80, containerPort: 8080, nodePort: 30000 },
      { name: "metadata", port: 5000, containerPort: 5000, nodePort: 30001 },
      { name: "stats", port: 9000, containerPort: 9000, nodePort: 30002 },
    ]);
    expect(inputs.loadBalancerPortsByName.stats).toBe(inputs.loadBalancerPorts[2]);
    expect(inputs.service).toEqual({ namespace: "haproxy-poc", name: "prd-haproxy" });
    expect([inputs.externalTrafficPolicy, inputs.healthCheckNodePort]).toEqual(["Local", 31000]);
    expect(inputs.healthCheck).toMatchObject({ protocol: "HTTP", port: 31000, path: "/healthz", intervalSeconds: 7 });
    expect(inputs.readinessProbe).toMatchObject({ path: "/healthz", port: 8404 });
  });

  it("custom: the Service's own node ports and policy win", () => {
    const inputs = new HarnessInputs(
      withMainService((spec) => ({
        ...spec,
        externalTrafficPolicy: "Cluster",
        healthCheckNodePort: undefined,
        ports: spec.ports.map((p: { name: string }) => (p.name === "metadata" ? { ...p, nodePort: 32500 } : p)),
      })),
    );
    expect(inputs.loadBalancerPortsByName.metadata.nodePort).toBe(32500);
    expect(inputs.loadBalancerPortsByName.http.nodePort).toBe(30000);
    expect(inputs.externalTrafficPolicy).toBe("Cluster");
    expect(inputs.healthCheck).toMatchObject({ protocol: "TCP", port: "traffic-port" });
  });

  it("gives HAProxy its environment as the kubelet would, stats credentials from the Secret the overlay names", () => {
    const env = new HarnessInputs(renderedPoc()).haproxyEnv({
      podName: "haproxy-x",
      nodeName: "node-x",
      secrets: { "haproxy-stats-auth/username": "u", "haproxy-stats-auth/password": "p" },
    });
    expect(env).toMatchObject({ STATS_USER: "u", STATS_PASSWORD: "p", NGINX_ADDRESS: "prd-nginx.haproxy-poc.svc.cluster.local" });
  });
});
