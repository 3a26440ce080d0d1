import * as ipaddr from "ipaddr.js";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import { containerStop, stopSchedule } from "../../harness/controllers/container-stop";
import { deploymentStrategy } from "../../harness/controllers/rollout-strategy";
import { matches } from "../../harness/network-policy-ruleset";
import { containerEnvironment } from "../../kubernetes/container-env";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { findConfigMap, findContainer, findObject, podTemplate } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { ROUTES } from "../../manifests/metadata-app/server.mts";
import { appSettings } from "../../manifests/metadata-app/settings.mts";
import type { HaproxySection } from "../helpers/haproxy-sections";
import { haproxySections } from "../helpers/haproxy-sections";
import { renderedPoc } from "../helpers/rendered";

/**
 * The values that live in more than one file and must agree for a pod to serve: the DaemonSet
 * (manifests/haproxy-daemonset.yaml), haproxy.cfg, the metadata app (its settings from the container's environment,
 * and server.mts's routes) and the Services, all as the overlay renders them. Each disagreement is one line; the e2e suite would find it too, later
 * and as a failed request.
 */
function disagreements(objects: readonly KubernetesObject[], settingsOf = appSettings): string[] {
  const overlay = new RenderedOverlay(objects);
  const found: string[] = [];
  const sections = haproxySections(overlay.haproxyCfg);
  const app = appListening(overlay, settingsOf);
  const appPort = overlay.app.port;

  // The app listens where its container says, on every address: HAProxy comes over loopback, the kubelet's probes
  // to the pod's IP.
  if (app.port !== appPort) found.push(`metadata app listens on ${app.port} (${app.portFrom}), its containerPort is ${appPort}`);
  if (app.defaultPort !== appPort) found.push(`the app defaults PORT to ${app.defaultPort}, the containerPort is ${appPort}`);
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
  // One server slot per address the headless Service's DNS answers: a rolling update runs up to replicas + maxSurge
  // ready nginx pods, and a pod beyond the slots gets no request from this HAProxy.
  const slots = serverTemplateSlots(nginxServer?.split(/\s+/)[2] ?? "");
  const nginx = deploymentStrategy(overlay.nginx);
  if (slots < nginx.replicas + nginx.maxSurge) {
    found.push(
      `haproxy.cfg has ${slots} nginx server slots, the nginx Deployment runs up to ${nginx.replicas + nginx.maxSurge} pods (replicas ${nginx.replicas} + maxSurge ${nginx.maxSurge})`,
    );
  }

  // A deleted HAProxy pod: the preStop pause, then the soft stop, which hard-stop-after ends before the kubelet's
  // SIGKILL does (harness/controllers/container-stop.ts has the kubelet's schedule), or connections in flight are cut.
  const grace = podTemplate(overlay.daemonSet)?.spec?.terminationGracePeriodSeconds ?? 30;
  const stop = stopSchedule(containerStop(overlay.haproxyContainer), grace);
  const hardStopAfter = sections.find((s) => s.kind === "global")?.lines.find((line) => line.startsWith("hard-stop-after "));
  const hardStopMs = haproxyTimeMs(hardStopAfter?.split(/\s+/)[1] ?? "");
  if (!(stop.killAfterMs - stop.signalAfterMs > hardStopMs)) {
    found.push(
      `haproxy.cfg's hard-stop-after (${hardStopAfter ?? "none"}) ends HAProxy's soft stop no sooner than the kubelet's SIGKILL, ${(stop.killAfterMs - stop.signalAfterMs) / 1000} s after it (terminationGracePeriodSeconds ${grace} less the preStop ${stop.signalAfterMs / 1000} s)`,
    );
  }

  // Each Service's targetPort is a port of the pods it selects: the endpoints of a pod that lacks it carry no port for
  // it (kubernetes/kubernetes staging/src/k8s.io/endpointslice/utils.go, getEndpointPorts skips the port), so
  // nothing reaches the pod through that Service port.
  for (const service of objects.filter((o) => o.kind === "Service" && o.spec?.selector)) {
    const selector = { matchLabels: service.spec!.selector as Record<string, string> };
    const containers = objects
      .filter((o) => matches(selector, podTemplate(o)?.metadata?.labels ?? {}))
      .flatMap((o) => podTemplate(o)?.spec?.containers ?? []);
    for (const port of (service.spec!.ports ?? []) as Array<{ name?: string; port: number; targetPort?: number | string }>) {
      const target = port.targetPort ?? port.port;
      const targeted = containers.some((c) =>
        (c.ports ?? []).some((p) => (typeof target === "string" ? p.name : p.containerPort) === target),
      );
      if (!targeted)
        found.push(`Service ${service.metadata.name} port ${port.name ?? port.port} targets ${target}, which no container it selects has`);
    }
  }

  // The app asks IMDS where its settings say; a NetworkPolicy that selects the pod must let that out.
  const imds = new URL(app.imdsEndpoint);
  const imdsPort = Number(imds.port || 80);
  const podLabels = podTemplate(overlay.daemonSet)?.metadata?.labels ?? {};
  const imdsAllowed = overlay.networkPolicies
    .filter((policy) => matches(policy.spec?.podSelector ?? {}, podLabels))
    .flatMap((policy) => policy.spec?.egress ?? [])
    // A rule with no ports allows every port; with no peers, every destination (NetworkPolicyEgressRule, Kubernetes API).
    .some(
      (rule) =>
        (!rule.ports?.length || rule.ports.some((p) => p.port === imdsPort)) &&
        (!rule.to?.length ||
          rule.to.some((peer) => peer.ipBlock && cidrHolds(peer.ipBlock.cidr, peer.ipBlock.except ?? [], imds.hostname))),
    );
  if (!imdsAllowed) found.push(`the app asks IMDS at ${imds.hostname}:${imdsPort}, which no NetworkPolicy of its pod lets out`);

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

/** Where the app listens: its settings from the container's environment, and without one; the paths it answers. */
function appListening(overlay: RenderedOverlay, settingsOf: typeof appSettings) {
  const env = containerEnvironment(overlay.daemonSet, "metadata", { podName: "p", nodeName: "n" });
  const settings = settingsOf(env);
  const routes: string[] = Object.values(ROUTES);
  return {
    port: settings.port,
    portFrom: env.PORT === undefined ? "the app's default" : "its PORT",
    defaultPort: settingsOf({}).port,
    host: settings.host,
    imdsEndpoint: settings.imdsEndpoint,
    hostFrom: env.HOST === undefined ? "the app's default" : "its HOST",
    routes,
  };
}

/** Whether `address` is in `cidr` and in none of `except`. */
function cidrHolds(cidr: string, except: readonly string[], address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.parse(address);
  const within = (range: string) => {
    const [network, bits] = ipaddr.parseCIDR(range);
    return network.kind() === ip.kind() && ip.match(network, bits);
  };
  return within(cidr) && !except.some(within);
}

/** How many servers `server-template <prefix> <num | range>` declares (HAProxy configuration manual, server-template). */
function serverTemplateSlots(count: string): number {
  const range = /^(\d+)-(\d+)$/.exec(count);
  return range ? Number(range[2]) - Number(range[1]) + 1 : Number(count);
}

/** An HAProxy time in milliseconds, whose unit defaults to ms (HAProxy configuration manual, 2.5 "Time format"); NaN without one. */
function haproxyTimeMs(time: string): number {
  const match = /^(\d+)(us|ms|s|m|h|d)?$/.exec(time);
  const unitMs = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return match ? Number(match[1]) * unitMs[(match[2] ?? "ms") as keyof typeof unitMs] : Number.NaN;
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
      "haproxy.cfg checks the app at /health, server.mts answers /, /healthz",
    ],
    [
      "the app's readiness probe path and its routes",
      (o) => (metadata(o).readinessProbe!.httpGet!.path = "/ready"),
      "metadata readinessProbe asks /ready on 8081; the app answers /, /healthz on 8081",
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
    [
      "a Service's targetPort and its pods' ports",
      (o) => ((findObject(o, "Service", "nginx").spec!.ports as Array<{ targetPort: string }>)[0].targetPort = "web"),
      "Service prd-nginx port http targets web, which no container it selects has",
    ],
    [
      "the app's IMDS endpoint and the NetworkPolicy's egress",
      (o) => setEnv(metadata(o), "IMDS_ENDPOINT", "http://169.254.169.254:8080"),
      "the app asks IMDS at 169.254.169.254:8080, which no NetworkPolicy of its pod lets out",
    ],
    [
      "haproxy.cfg's nginx server slots and the nginx pods a rollout runs",
      (o) => editFile(o, "haproxy-config", "haproxy.cfg", "server-template nginx 1-10", "server-template nginx 1-2"),
      "haproxy.cfg has 2 nginx server slots, the nginx Deployment runs up to 3 pods (replicas 2 + maxSurge 1)",
    ],
    [
      "haproxy.cfg's hard-stop-after and the DaemonSet's grace period",
      (o) => editFile(o, "haproxy-config", "haproxy.cfg", "hard-stop-after 30s", "hard-stop-after 1m"),
      "haproxy.cfg's hard-stop-after (hard-stop-after 1m) ends HAProxy's soft stop no sooner than the kubelet's SIGKILL, 35 s after it (terminationGracePeriodSeconds 55 less the preStop 20 s)",
    ],
    [
      "the DaemonSet's grace period and haproxy.cfg's hard-stop-after",
      (o) => (podTemplate(daemonSet(o))!.spec!.terminationGracePeriodSeconds = 50),
      "haproxy.cfg's hard-stop-after (hard-stop-after 30s) ends HAProxy's soft stop no sooner than the kubelet's SIGKILL, 30 s after it (terminationGracePeriodSeconds 50 less the preStop 20 s)",
    ],
  ])("catch a mismatch of %s", (_, edit, line) => {
    expect(disagreements(changed(edit))).toContain(line);
  });

  // The app's defaults are code (settings.mts), not text of the overlay: a changed default is a changed function.
  it.each<[string, (env: Record<string, string | undefined>) => Record<string, string | undefined>, string]>([
    [
      "the app's default port and the containerPort",
      (env) => ({ PORT: "3000", ...env }),
      "the app defaults PORT to 3000, the containerPort is 8081",
    ],
    [
      "the app's default host and the kubelet's probes",
      (env) => ({ HOST: "127.0.0.1", ...env }),
      "metadata app listens on 127.0.0.1 (the app's default): the kubelet probes the pod's IP, so it must listen on 0.0.0.0 or ::",
    ],
  ])("catch a mismatch of %s", (_, defaults, line) => {
    expect(disagreements(renderedPoc(), (env) => appSettings(defaults(env)))).toContain(line);
  });
});
