import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { renderOverlay } from "../../kubernetes/render-overlay";
import { PROJECT_ROOT } from "../../lib/project-root";
import { renderedPoc } from "../helpers/rendered";

/** A copy of `object` whose value at the dotted `path` is `change(old value)`; arrays are indexed by number. */
function changed(object: KubernetesObject, path: string, change: (value: unknown) => unknown): KubernetesObject {
  const copy = structuredClone(object);
  const keys = path.split(".");
  let parent: Record<string, unknown> = copy as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  parent[last] = change(parent[last]);
  return copy;
}

/** The poc objects with the one object of `kind` whose name ends in `name` changed. */
function pocWith(kind: string, name: string, path: string, change: (value: unknown) => unknown): KubernetesObject[] {
  return renderedPoc().map((o) => (o.kind === kind && o.metadata.name.endsWith(name) ? changed(o, path, change) : o));
}

describe("RenderedOverlay", () => {
  it("defaults: the poc overlay's ports, Services, stats Secret, app and nginx", () => {
    const overlay = new RenderedOverlay(renderedPoc());
    expect(overlay.haproxyPorts).toEqual({ http: 8080, metadata: 5000, stats: 9000, health: 8404 });
    expect(overlay.publishedPorts).toEqual({
      http: { name: "http", port: 80, containerPort: 8080, serviceName: "prd-haproxy" },
      metadata: { name: "metadata", port: 5000, containerPort: 5000, serviceName: "prd-haproxy" },
      stats: { name: "stats", port: 9000, containerPort: 9000, serviceName: "prd-haproxy-stats" },
    });
    expect([overlay.mainService.metadata.name, overlay.statsService.metadata.name]).toEqual(["prd-haproxy", "prd-haproxy-stats"]);
    expect(overlay.portsOf(overlay.mainService).map((p) => p.name)).toEqual(["http", "metadata"]);
    expect(overlay.statsSecret).toEqual({ name: "haproxy-stats-auth", usernameKey: "username", passwordKey: "password" });
    expect(overlay.haproxyImage).toBe("haproxy:3.2-alpine");
    expect(overlay.app).toMatchObject({
      image: "node:24-alpine",
      command: ["node", "--disable-warning=ExperimentalWarning", "/opt/metadata-app/main.mts"],
      port: 8081,
      mountPath: "/opt/metadata-app",
    });
    expect(Object.keys(overlay.app.files)).toContain("main.mts");
    expect(overlay.haproxyCfg).toMatch(/^frontend http$/m);
    expect(overlay.haproxyConfigMap.metadata.name).toMatch(/^prd-haproxy-config-[a-z0-9]{10}$/);
    expect([overlay.daemonSet.metadata.name, overlay.nginx.metadata.name, overlay.namespace]).toEqual([
      "prd-haproxy",
      "prd-nginx",
      "haproxy-poc",
    ]);
    expect([overlay.nginxPort, overlay.nginxReplicas]).toEqual([8080, 2]);
    expect(overlay.networkPolicies.map((p) => p.metadata.name).sort()).toEqual([
      "prd-allow-haproxy",
      "prd-allow-nginx",
      "prd-default-deny",
    ]);
  });

  it("custom: an overlay of another prefix and stats port changes the names and the port", () => {
    const dir = mkdtempSync(join(tmpdir(), "overlay-model-"));
    try {
      mkdirSync(join(dir, "dev"));
      const base = relative(join(dir, "dev"), join(PROJECT_ROOT, "kustomize", "base"));
      writeFileSync(
        join(dir, "dev", "kustomization.yaml"),
        JSON.stringify({
          apiVersion: "kustomize.config.k8s.io/v1beta1",
          kind: "Kustomization",
          namespace: "haproxy-dev",
          namePrefix: "dev-",
          resources: [base],
          patches: [
            {
              target: { kind: "Service", name: "haproxy-stats" },
              patch: JSON.stringify([{ op: "replace", path: "/spec/ports/0/port", value: 9443 }]),
            },
          ],
        }),
      );
      const overlay = new RenderedOverlay(renderOverlay("dev", dir));
      expect(overlay.publishedPorts.stats).toEqual({ name: "stats", port: 9443, containerPort: 9000, serviceName: "dev-haproxy-stats" });
      expect(overlay.publishedPorts.http.serviceName).toBe("dev-haproxy");
      expect(overlay.namespace).toBe("haproxy-dev");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("follows a Service port's numeric targetPort and a fixed node port", () => {
    const objects = pocWith("Service", "haproxy", "spec.ports", (ports) =>
      (ports as Array<Record<string, unknown>>).map((p) => (p.name === "http" ? { ...p, targetPort: 8080, nodePort: 30080 } : p)),
    );
    expect(new RenderedOverlay(objects).publishedPorts.http).toEqual({
      name: "http",
      port: 80,
      containerPort: 8080,
      nodePort: 30080,
      serviceName: "prd-haproxy",
    });
  });

  it("takes the default namespace for a DaemonSet that names none, and skips a LoadBalancer Service without ports", () => {
    const unnamespaced = pocWith("DaemonSet", "haproxy", "metadata", (metadata) => {
      const rest = { ...(metadata as Record<string, unknown>) };
      delete rest.namespace;
      return rest;
    });
    const portless: KubernetesObject = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "portless" },
      spec: { type: "LoadBalancer" },
    };
    const overlay = new RenderedOverlay([...unnamespaced, portless]);
    expect(overlay.namespace).toBe("default");
    expect(overlay.mainService.metadata.name).toBe("prd-haproxy");
  });

  describe("refuses, in one line, an overlay without", () => {
    const refusals: Array<[string, () => KubernetesObject[], string]> = [
      [
        "the HAProxy DaemonSet",
        () => renderedPoc().filter((o) => o.kind !== "DaemonSet"),
        "expected one DaemonSet named *haproxy in the rendered overlay, found 0",
      ],
      [
        "a HAProxy port",
        () =>
          pocWith("DaemonSet", "haproxy", "spec.template.spec.containers.0.ports", (ports) =>
            (ports as Array<{ name: string }>).filter((p) => p.name !== "health"),
          ),
        "rendered overlay: the haproxy container has no port named health (it names http, metadata, stats)",
      ],
      [
        "any port on the HAProxy container",
        () => pocWith("DaemonSet", "haproxy", "spec.template.spec.containers.0.ports", () => undefined),
        "rendered overlay: the haproxy container has no port named http (it names none)",
      ],
      [
        "the metadata port beside http",
        () =>
          pocWith("Service", "haproxy", "spec.ports", (ports) =>
            (ports as Array<{ name: string }>).filter((p) => p.name !== "metadata"),
          ).map((o) =>
            o.kind === "Service" && o.metadata.name.endsWith("haproxy-stats")
              ? { ...o, spec: { ...o.spec, ports: [...o.spec.ports, { name: "metadata", port: 5000, targetPort: "metadata" }] } }
              : o,
          ),
        "rendered overlay: port metadata is on Service prd-haproxy-stats, not beside http on prd-haproxy",
      ],
      [
        "the stats Service",
        () => renderedPoc().filter((o) => !o.metadata.name.endsWith("haproxy-stats")),
        "rendered overlay: expected one LoadBalancer Service port named stats, found 0",
      ],
      [
        "a Service port whose target HAProxy names",
        () =>
          pocWith("Service", "haproxy", "spec.ports", (ports) =>
            (ports as Array<Record<string, unknown>>).map((p) => (p.name === "metadata" ? { ...p, targetPort: "app" } : p)),
          ),
        "rendered overlay: Service prd-haproxy port metadata targets app, which the haproxy container does not name",
      ],
      [
        "stats on a Service of its own",
        () =>
          pocWith("Service", "haproxy", "spec.ports", (ports) => [
            ...(ports as unknown[]),
            { name: "stats", port: 9000, targetPort: "stats" },
          ]).filter((o) => !o.metadata.name.endsWith("haproxy-stats")),
        "rendered overlay: port stats needs a Service of its own (statsSourceRanges decides whether it is applied), not prd-haproxy",
      ],
      [
        "the stats Secret",
        () =>
          pocWith("DaemonSet", "haproxy", "spec.template.spec.containers.0.env", (env) =>
            (env as Array<{ name: string }>).map((e) => (e.name === "STATS_PASSWORD" ? { name: e.name, value: "literal" } : e)),
          ),
        "rendered overlay: the haproxy container reads STATS_PASSWORD from no Secret",
      ],
      [
        "one stats Secret",
        () =>
          pocWith("DaemonSet", "haproxy", "spec.template.spec.containers.0.env", (env) =>
            (env as Array<{ name: string; valueFrom?: { secretKeyRef?: object } }>).map((e) =>
              e.name === "STATS_USER" ? { ...e, valueFrom: { secretKeyRef: { ...e.valueFrom?.secretKeyRef, name: "other" } } } : e,
            ),
          ),
        "rendered overlay: STATS_USER and STATS_PASSWORD come from two Secrets (other, haproxy-stats-auth)",
      ],
      [
        "haproxy.cfg",
        () =>
          pocWith("ConfigMap", "", "data", (data) =>
            Object.fromEntries(Object.entries(data as Record<string, string>).filter(([file]) => file !== "haproxy.cfg")),
          ),
        "rendered overlay: ConfigMap prd-haproxy-config-",
      ],
      [
        "the metadata app's ConfigMap",
        () => renderedPoc().filter((o) => !(o.kind === "ConfigMap" && o.metadata.name.includes("metadata-app"))),
        "expected one ConfigMap generated from metadata-app in the rendered overlay, found 0",
      ],
      [
        "the app's mount of it",
        () => pocWith("DaemonSet", "haproxy", "spec.template.spec.containers.1.volumeMounts", () => []),
        "rendered overlay: the metadata container mounts no volume of ConfigMap prd-metadata-app-",
      ],
      [
        "nginx",
        () => renderedPoc().filter((o) => o.kind !== "Deployment"),
        "expected one Deployment named *nginx in the rendered overlay, found 0",
      ],
    ];
    it.each(refusals)("%s", (_, objects, message) => {
      expect(() => new RenderedOverlay(objects())).toThrow(message);
    });
  });
});
