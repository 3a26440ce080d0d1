import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { findObject } from "../../kubernetes/kubernetes-object";
import { renderOverlay } from "../../kubernetes/render-overlay";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { haproxyEnvironment, renderedPoc } from "../helpers/rendered";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

const objects = renderedPoc();
const overlay = new RenderedOverlay(objects);
const { daemonSet, nginx, mainService: loadBalancer, haproxyCfg } = overlay;
const podTemplates: KubernetesObject[] = [daemonSet, nginx];

describe("the poc overlay keeps the original project's promises", () => {
  it("runs HAProxy on every node: a DaemonSet without node selection, rolling one node at a time, the new pod beside the old", () => {
    const spec = daemonSet.spec.template.spec;
    expect(spec.nodeSelector).toBeUndefined();
    expect(spec.affinity).toBeUndefined();
    expect(daemonSet.spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    // A surge pod would collide with its predecessor on a host port.
    for (const container of spec.containers) expect((container.ports ?? []).filter((p: { hostPort?: number }) => p.hostPort)).toEqual([]);
  });

  it("exposes 80 and 5000 on the load balancer and 9000 on a load balancer of its own, each onto a port haproxy.cfg binds", () => {
    const stats = overlay.statsService;
    for (const [service, ports] of [
      [loadBalancer, [80, 5000]],
      [stats, [9000]],
    ] as const) {
      expect(service.spec).toMatchObject({
        type: "LoadBalancer",
        externalTrafficPolicy: "Local",
        selector: daemonSet.spec.selector.matchLabels,
      });
      expect(overlay.portsOf(service).map((p) => p.port)).toEqual(ports);
      for (const port of overlay.portsOf(service)) {
        expect(haproxyCfg).toContain(`bind :${port.containerPort}\n`);
      }
    }
    expect(stats.metadata.annotations).toEqual(loadBalancer.metadata.annotations);
  });

  it("uses a Network Load Balancer whose health checks follow each node's HAProxy", () => {
    const annotations = loadBalancer.metadata.annotations ?? {};
    expect(annotations["service.beta.kubernetes.io/aws-load-balancer-type"]).toBe("nlb");
    for (const key of ["interval", "healthy-threshold", "unhealthy-threshold"]) {
      expect(Number(annotations[`service.beta.kubernetes.io/aws-load-balancer-healthcheck-${key}`])).toBeGreaterThan(0);
    }
    expect(loadBalancer.spec?.externalTrafficPolicy).toBe("Local");
    // cloud-provider-aws never sends it: it would promise a timeout AWS does not use.
    expect(annotations["service.beta.kubernetes.io/aws-load-balancer-healthcheck-timeout"]).toBeUndefined();
  });

  it("serves the stats page on 9000 behind credentials from a Secret", () => {
    expect(haproxyCfg).toMatch(new RegExp(`frontend stats\\n\\s+bind :${overlay.haproxyPorts.stats}\\n[\\s\\S]*?stats auth`));
    expect(overlay.statsSecret).toEqual({ name: "haproxy-stats-auth", usernameKey: "username", passwordKey: "password" });
  });

  it("sends port 80 to at least two nginx pods discovered through a headless Service", () => {
    const headless = findObject(objects, "Service", "nginx");
    expect(headless.spec.clusterIP).toBe("None");
    expect(headless.spec.selector).toEqual(nginx.spec.selector.matchLabels);
    expect(nginx.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(haproxyEnvironment(objects).NGINX_ADDRESS).toBe(`${headless.metadata.name}.haproxy-poc.svc.cluster.local`);
  });

  it("reaches the external backend by its ExternalName Service on /external/", () => {
    const external = findObject(objects, "Service", "external-backend");
    expect(external.spec).toEqual({ type: "ExternalName", externalName: "example.com" });
    const env = haproxyEnvironment(objects);
    expect(env.EXTERNAL_ADDRESS).toBe(`${external.metadata.name}.haproxy-poc.svc.cluster.local`);
    expect(env.EXTERNAL_HOST).toBe("example.com");
    expect(haproxyCfg).toMatch(/acl to_external path \/external\n\s+acl to_external path_beg \/external\//);
  });

  it("runs the metadata app beside HAProxy from a generated ConfigMap holding every app file", () => {
    const { app } = overlay;
    const files = Object.keys(app.files).sort();
    expect(files).toEqual(
      readdirSync(join(PROJECT_ROOT, "manifests", "metadata-app"))
        .filter((f) => f.endsWith(".mts"))
        .sort(),
    );
    expect(app.command.at(-1)).toBe(`${app.mountPath}/main.mts`);
  });

  it("puts everything in a dedicated namespace that enforces the restricted Pod Security Standard", () => {
    const namespace = findObject(objects, "Namespace", "haproxy-poc");
    expect(namespace.metadata.labels!["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const clusterScoped = ["Namespace", "PriorityClass"];
    expect(objects.filter((o) => !clusterScoped.includes(o.kind)).every((o) => o.metadata.namespace === "haproxy-poc")).toBe(true);
  });

  it("labels every object and pod with the overlay's app.kubernetes.io/instance, but no selector", () => {
    const labelled = [...objects.map((o) => o.metadata.labels), ...podTemplates.map((w) => w.spec.template.metadata.labels)];
    expect(labelled.every((labels) => labels?.["app.kubernetes.io/instance"] === "poc")).toBe(true);
    expect(podTemplates.every((w) => w.spec.selector.matchLabels["app.kubernetes.io/instance"] === undefined)).toBe(true);
  });
});

describe("the poc overlay's network policies", () => {
  const policies = overlay.networkPolicies;

  it("deny everything, in and out, to every pod of the namespace unless allowed", () => {
    expect(policies.filter((p) => Object.keys(p.spec?.podSelector ?? {}).length === 0)).toEqual([
      expect.objectContaining({ spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }),
    ]);
  });

  it.each(podTemplates.map((w) => [w.metadata.name, w] as const))(
    "give %s one policy of its own with its ingress and its egress",
    (_, workload) => {
      const own = policies.filter((p) => JSON.stringify(p.spec?.podSelector) === JSON.stringify(workload.spec.selector));
      expect(own).toHaveLength(1);
      expect(own[0].spec?.policyTypes).toEqual(["Ingress", "Egress"]);
      expect(own[0].spec?.ingress?.length).toBeGreaterThan(0);
      expect(own[0].spec?.egress?.length).toBeGreaterThan(0);
    },
  );
});

describe("the poc overlay's workloads keep running through node and zone failures", () => {
  it("gives HAProxy a PriorityClass of the overlay, below the system's own", () => {
    const name = daemonSet.spec.template.spec.priorityClassName;
    const priorityClass = findObject(objects, "PriorityClass", "haproxy-node-proxy");
    expect(name).toBe(priorityClass.metadata.name);
    expect(priorityClass).toMatchObject({ globalDefault: false, preemptionPolicy: "PreemptLowerPriority" });
    expect((priorityClass as any).value).toBeGreaterThan(0);
    expect((priorityClass as any).value).toBeLessThan(1_000_000_000);
  });

  it("lets a drain evict an nginx pod that is not ready, whatever the budget", () => {
    const budget = findObject(objects, "PodDisruptionBudget", "nginx");
    expect(budget.spec).toMatchObject({ minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: nginx.spec.selector });
  });

  it("prefers nginx replicas on different nodes", () => {
    expect(nginx.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      {
        weight: 100,
        podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: nginx.spec.selector.matchLabels } },
      },
    ]);
  });

  it("spreads nginx over zones as a rule, not counting zones whose nodes are tainted", () => {
    expect(nginx.spec.template.spec.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        nodeTaintsPolicy: "Honor",
        labelSelector: { matchLabels: nginx.spec.selector.matchLabels },
      },
    ]);
  });
});

describe("the poc overlay's pods are secure by default", () => {
  const containers = podTemplates.flatMap((w) => w.spec.template.spec.containers.map((c: any) => [`${w.kind}/${c.name}`, c, w]));

  it.each(containers)("%s runs non-root, read-only, without privileges or capabilities", (_, container, workload) => {
    const pod = workload.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.hostNetwork).toBeUndefined();
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    expect(container.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.ports.every((p: { hostPort?: number }) => p.hostPort === undefined)).toBe(true);
  });

  it.each(podTemplates.map((w) => [w.metadata.name, w] as const))(
    "%s runs as a service account of its own, without a token",
    (_, workload) => {
      const pod = workload.spec.template.spec;
      const account = findObject(objects, "ServiceAccount", pod.serviceAccountName);
      expect(account.metadata.name).toBe(workload.metadata.name);
      expect((account as any).automountServiceAccountToken).toBe(false);
      expect(pod.automountServiceAccountToken).toBe(false);
    },
  );

  it.each(containers)("%s has probes, requests and limits", (_, container) => {
    expect(container.readinessProbe).toBeDefined();
    expect(container.livenessProbe).toBeDefined();
    expect(Object.keys(container.resources.requests).sort()).toEqual(["cpu", "memory"]);
    expect(Object.keys(container.resources.limits).sort()).toEqual(["cpu", "memory"]);
  });

  it.each(containers)("%s uses a pinned image tag, never latest, and says when it is pulled", (_, container) => {
    expect(container.image).toMatch(/:[0-9][\w.-]*$/);
    expect(container.image).not.toMatch(/:latest$/);
    expect(container.imagePullPolicy).toBe("Always");
  });

  it("pins HAProxy to a 3.x LTS tag", () => {
    expect(overlay.haproxyImage).toMatch(/^haproxy:3\.(0|2)[.-]/);
  });
});

describe("the base without an overlay", () => {
  it("pins every image too, so no render pulls latest", () => {
    const base = renderOverlay("base", join(PROJECT_ROOT, "kustomize"));
    const images = base.flatMap((o) => o.spec?.template?.spec?.containers?.map((c: { image: string }) => c.image) ?? []);
    expect(images.length).toBe(3);
    expect(images.every((image: string) => /:[0-9][\w.-]*$/.test(image))).toBe(true);
  });
});
