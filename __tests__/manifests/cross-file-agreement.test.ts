import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import { containerEnvironment } from "../../kubernetes/container-env";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { findConfigMap, findContainer, findObject } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import type { HaproxySection } from "../helpers/haproxy-sections";
import { haproxySections } from "../helpers/haproxy-sections";
import { renderedPoc } from "../helpers/rendered";

/**
 * The values that live in more than one file and must agree for a pod to serve: the DaemonSet
 * (manifests/haproxy-daemonset.yaml), haproxy.cfg, the metadata app's sources (main.mts, server.mts) and the
 * Services, all as the overlay renders them. Each disagreement is one line; the e2e suite would find it too, later
 * and as a failed request.
 */
function disagreements(objects: readonly KubernetesObject[]): string[] {
  const overlay = new RenderedOverlay(objects);
  const found: string[] = [];
  const sections = haproxySections(overlay.haproxyCfg);
  const app = appListening(overlay);
  const appPort = overlay.app.port;

  // The app listens where its container says, on every address: HAProxy comes over loopback, the kubelet's probes
  // to the pod's IP.
  if (app.port !== appPort) found.push(`metadata app listens on ${app.port} (${app.portFrom}), its containerPort is ${appPort}`);
  if (app.defaultPort !== appPort) found.push(`main.mts defaults PORT to ${app.defaultPort}, the containerPort is ${appPort}`);
  if (!["0.0.0.0", "::"].includes(app.host)) {
    found.push(
      `metadata app listens on ${app.host} (${app.hostFrom}): the kubelet probes the pod's IP, so it must listen on 0.0.0.0 or ::`,
    );
  }

  // HAProxy's port 5000 frontend reaches the app beside it, over loopback, where the app listens, checking a route it has.
  const metadataBackend = backendOf(sections, overlay.haproxyPorts.metadata);
  const server = metadataBackend?.lines.find((line) => line.startsWith("server "))?.split(/\s+/)[2];
  if (!metadataBackend) found.push(`haproxy.cfg binds no frontend on ${overlay.haproxyPorts.metadata} (the container's metadata port)`);
  else if (server !== `127.0.0.1:${appPort}`) {
    found.push(`haproxy.cfg backend ${metadataBackend.name} sends to ${server}, the app beside it listens on 127.0.0.1:${appPort}`);
  }
  const checkUri = /\buri (\S+)/.exec(metadataBackend?.lines.find((line) => line.startsWith("http-check send")) ?? "")?.[1];
  if (metadataBackend && !app.routes.includes(checkUri ?? "")) {
    found.push(`haproxy.cfg checks the app at ${checkUri}, server.mts answers ${app.routes.join(", ")}`);
  }

  // Each port a Service publishes is one haproxy.cfg binds (its targetPort resolved through the container's ports).
  for (const port of Object.values(overlay.publishedPorts)) {
    if (!frontendOn(sections, port.containerPort)) {
      found.push(
        `Service ${port.serviceName} port ${port.port} (${port.name}) targets ${port.containerPort}, which haproxy.cfg binds in no frontend`,
      );
    }
  }
  // The nginx servers' port is the nginx container's.
  const nginxServer = sections
    .find((s) => s.kind === "backend" && s.name === "nginx")
    ?.lines.find((line) => line.startsWith("server-template"));
  const nginxPort = Number(/:(\d+)"?$/.exec(nginxServer?.split(/\s+/)[3] ?? "")?.[1]);
  if (nginxPort !== overlay.nginxPort)
    found.push(`haproxy.cfg sends to nginx on ${nginxPort}, the nginx container listens on ${overlay.nginxPort}`);

  // Probes ask a port the container listens on, at a path that answers.
  const haproxy = overlay.haproxyContainer;
  for (const [kind, probe] of probes(haproxy)) {
    const port = probePort(haproxy, probe);
    const frontend = frontendOn(sections, port);
    const uri = frontend?.lines.find((line) => line.startsWith("monitor-uri "))?.split(/\s+/)[1];
    if (uri !== probe.httpGet?.path) {
      found.push(
        `haproxy ${kind} asks ${probe.httpGet?.path} on ${port}; haproxy.cfg ${frontend ? `answers ${uri} there` : "binds nothing there"}`,
      );
    }
  }
  for (const [kind, probe] of probes(overlay.app.container)) {
    const port = probePort(overlay.app.container, probe);
    if (port !== app.port || !app.routes.includes(probe.httpGet?.path ?? "")) {
      found.push(`metadata ${kind} asks ${probe.httpGet?.path} on ${port}; the app answers ${app.routes.join(", ")} on ${app.port}`);
    }
  }
  return found;
}

/** Where main.mts listens: the container's PORT and HOST, else main.mts's own defaults; and the paths server.mts routes. */
function appListening(overlay: RenderedOverlay) {
  const env = containerEnvironment(overlay.daemonSet, "metadata", { podName: "p", nodeName: "n" });
  const main = overlay.app.files["main.mts"];
  const fallback = (name: string) => {
    const value = new RegExp(`process\\.env\\.${name} \\?\\? "([^"]*)"`).exec(main)?.[1];
    if (value === undefined) throw new Error(`main.mts: no default for process.env.${name} found`);
    return value;
  };
  const routes = [...overlay.app.files["server.mts"].matchAll(/path === "(\/[^"]*)"/g)].map((match) => match[1]);
  return {
    port: Number(env.PORT ?? fallback("PORT")),
    portFrom: env.PORT === undefined ? "main.mts's default" : "its PORT",
    defaultPort: Number(fallback("PORT")),
    host: env.HOST ?? fallback("HOST"),
    hostFrom: env.HOST === undefined ? "main.mts's default" : "its HOST",
    routes,
  };
}

function frontendOn(sections: readonly HaproxySection[], port: number): HaproxySection | undefined {
  return sections.find((s) => s.kind === "frontend" && s.lines.includes(`bind :${port}`));
}

function backendOf(sections: readonly HaproxySection[], port: number): HaproxySection | undefined {
  const name = frontendOn(sections, port)
    ?.lines.find((line) => line.startsWith("default_backend "))
    ?.split(/\s+/)[1];
  return sections.find((s) => s.kind === "backend" && s.name === name);
}

function probes(container: IContainer): Array<[string, IProbe]> {
  return (["readinessProbe", "livenessProbe", "startupProbe"] as const).flatMap((kind) =>
    container[kind] ? [[kind, container[kind]]] : [],
  );
}

/** A probe's port as a number: named ports resolve through the container's own ports, as the kubelet resolves them. */
function probePort(container: IContainer, probe: IProbe): number {
  const port = probe.httpGet?.port;
  return typeof port === "number" ? port : (container.ports?.find((p) => p.name === port)?.containerPort ?? Number.NaN);
}

/** The rendered objects with one deliberate change. */
function changed(edit: (objects: KubernetesObject[]) => void): KubernetesObject[] {
  const copy = structuredClone(renderedPoc());
  edit(copy);
  return copy;
}

const daemonSet = (objects: KubernetesObject[]) => findObject(objects, "DaemonSet", "haproxy");
const metadata = (objects: KubernetesObject[]) => findContainer(daemonSet(objects), "metadata");
const haproxy = (objects: KubernetesObject[]) => findContainer(daemonSet(objects), "haproxy");
const editFile = (objects: KubernetesObject[], configMap: string, file: string, from: string | RegExp, to: string) => {
  const data = findConfigMap(objects, configMap).data as Record<string, string>;
  const edited = data[file].replace(from, to);
  if (edited === data[file]) throw new Error(`${file}: ${String(from)} not found`);
  data[file] = edited;
};
const setEnv = (container: IContainer, name: string, value: string) => {
  const env = container.env ?? [];
  const entry = env.find((e) => e.name === name);
  if (entry) entry.value = value;
  else container.env = [...env, { name, value }];
};

describe("values that must agree across the overlay's files", () => {
  it("agree in the poc overlay", () => {
    expect(disagreements(renderedPoc())).toEqual([]);
  });

  it.each<[string, (objects: KubernetesObject[]) => void, string]>([
    [
      "the app's PORT and its containerPort",
      (o) => setEnv(metadata(o), "PORT", "8082"),
      "metadata app listens on 8082 (its PORT), its containerPort is 8081",
    ],
    [
      "main.mts's default port and the containerPort",
      (o) => editFile(o, "metadata-app", "main.mts", 'PORT ?? "8081"', 'PORT ?? "3000"'),
      "main.mts defaults PORT to 3000, the containerPort is 8081",
    ],
    [
      "the app's listening host and the kubelet's probes",
      (o) => setEnv(metadata(o), "HOST", "127.0.0.1"),
      "metadata app listens on 127.0.0.1 (its HOST): the kubelet probes the pod's IP, so it must listen on 0.0.0.0 or ::",
    ],
    [
      "haproxy.cfg's backend address for 5000 and the app's port",
      (o) => editFile(o, "haproxy-config", "haproxy.cfg", "server app 127.0.0.1:8081", "server app 127.0.0.1:8082"),
      "haproxy.cfg backend metadata-app sends to 127.0.0.1:8082, the app beside it listens on 127.0.0.1:8081",
    ],
    [
      "haproxy.cfg's health check of the app and the app's routes",
      (o) => editFile(o, "haproxy-config", "haproxy.cfg", "meth GET uri /healthz", "meth GET uri /health"),
      "haproxy.cfg checks the app at /health, server.mts answers /healthz, /",
    ],
    [
      "the app's readiness probe path and its routes",
      (o) => (metadata(o).readinessProbe!.httpGet!.path = "/ready"),
      "metadata readinessProbe asks /ready on 8081; the app answers /healthz, / on 8081",
    ],
    [
      "HAProxy's probe port and the frontend haproxy.cfg answers probes on",
      (o) => editFile(o, "haproxy-config", "haproxy.cfg", "bind :8404", "bind :8405"),
      "haproxy readinessProbe asks /healthz on 8404; haproxy.cfg binds nothing there",
    ],
    [
      "HAProxy's probe path and haproxy.cfg's monitor-uri",
      (o) => (haproxy(o).livenessProbe!.httpGet!.path = "/live"),
      "haproxy livenessProbe asks /live on 8404; haproxy.cfg answers /healthz there",
    ],
    [
      "a Service port's target and haproxy.cfg's binds",
      (o) => editFile(o, "haproxy-config", "haproxy.cfg", "bind :5000", "bind :5001"),
      "Service prd-haproxy port 5000 (metadata) targets 5000, which haproxy.cfg binds in no frontend",
    ],
    [
      "haproxy.cfg's nginx port and the nginx container's",
      (o) => editFile(o, "haproxy-config", "haproxy.cfg", '${NGINX_ADDRESS}:8080"', '${NGINX_ADDRESS}:80"'),
      "haproxy.cfg sends to nginx on 80, the nginx container listens on 8080",
    ],
  ])("catch a mismatch of %s", (_, edit, line) => {
    expect(disagreements(changed(edit))).toContain(line);
  });
});
