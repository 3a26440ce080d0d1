import { Password } from "@cdktf/provider-random/lib/password";
import { parse } from "yaml";
import { TERRAFORM_REQUIRED_VERSION } from "../../lib/terraform-version";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { objectId } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { ADDITIONAL_TAGS_ANNOTATION } from "../../kubernetes/load-balancer-service";
import { KubectlManifest } from "../../providers/kubectl";
import { renderedPoc } from "../helpers/rendered";
import type { SynthesizedWorkloads } from "../helpers/synth-workloads";
import { synthWorkloads } from "../helpers/synth-workloads";

// Each describe renders and synthesizes in beforeEach, not in its body: a test then runs the code it checks, which is
// what mutation testing's per-test coverage (npm run mutate) counts, and a run that selects none of a file's tests
// (jest -t, or a mutant no test here reaches) spends nothing on the file's describe bodies.
describe("WorkloadsStack with the poc overlay", () => {
  let json: SynthesizedWorkloads["json"], tf: SynthesizedWorkloads["tf"], stack: SynthesizedWorkloads["stack"];
  let manifests: Record<string, any>;
  let objects: KubernetesObject[], overlay: RenderedOverlay, namespace: KubernetesObject, priorityClass: KubernetesObject[];
  beforeEach(() => {
    ({ json, tf, stack } = synthWorkloads());
    manifests = tf.resource.kubectl_manifest;
    objects = renderedPoc();
    overlay = new RenderedOverlay(objects);
    namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: overlay.namespace } };
    priorityClass = objects.filter((o) => o.kind === "PriorityClass");
  });

  it("states the Terraform version the state backend needs, as the cluster stack does", () => {
    expect(tf.terraform.required_version).toBe(TERRAFORM_REQUIRED_VERSION);
  });

  it("holds one kubectl_manifest per rendered document but the stats page's Service, under readable ids", () => {
    expect(Object.keys(manifests).sort()).toEqual(
      objects
        .filter((o) => o !== overlay.statsService)
        .map(objectId)
        .sort(),
    );
    expect(Object.keys(manifests)).toContain("daemonset-prd-haproxy");
    for (const object of objects.filter((o) => o.spec?.type !== "LoadBalancer")) {
      expect(parse(manifests[objectId(object)].yaml_body)).toEqual(object);
    }
  });

  it("applies the load balancer Service with the settings' source ranges and tags, keeping the overlay's own fields", () => {
    const service = overlay.mainService;
    const applied = parse(manifests[objectId(service)].yaml_body);
    expect(applied.spec).toEqual({ ...service.spec, loadBalancerSourceRanges: ["0.0.0.0/0"] });
    expect(applied.metadata.annotations).toEqual({
      ...service.metadata.annotations,
      [ADDITIONAL_TAGS_ANNOTATION]: "Project=eks-haproxy-poc,ManagedBy=cdktf",
    });
  });

  it("applies the namespace before every namespaced object", () => {
    expect(manifests[objectId(namespace)].depends_on).toBeUndefined();
    for (const [id, manifest] of Object.entries(manifests)) {
      if (!id.startsWith("namespace-")) expect(manifest.depends_on).toContain(`kubectl_manifest.${objectId(namespace)}`);
    }
  });

  it("waits for the DaemonSet and the Deployment to roll out, after their config and the stats Secret", () => {
    for (const id of [objectId(overlay.daemonSet), objectId(overlay.nginx)]) {
      expect(manifests[id].wait_for_rollout).toBe(true);
      expect(manifests[id].depends_on).toEqual(
        expect.arrayContaining([
          `kubectl_manifest.${objectId(overlay.haproxyConfigMap)}`,
          expect.stringMatching(/^kubernetes_secret_v1\./),
        ]),
      );
    }
  });

  it("creates the load balancer beside the workloads, not after their rollout, and waits on destroy until its finalizer is done", () => {
    const service = manifests[objectId(overlay.mainService)];
    expect(service.wait).toBe(true);
    expect(service.wait_for).toEqual({ field: [{ key: "status.loadBalancer.ingress.[0].hostname", value: "^.+$", value_type: "regex" }] });
    expect(service.depends_on).toEqual([`kubectl_manifest.${objectId(namespace)}`]);
  });

  it("creates the stats Secret the DaemonSet reads, with a random password", () => {
    expect(json).toHaveResourceWithProperties(Password, { length: 24, special: false });
    const secrets: any[] = Object.values(tf.resource.kubernetes_secret_v1);
    expect(secrets).toHaveLength(1);
    // The Secret's name and keys are the ones the DaemonSet's STATS_USER/STATS_PASSWORD read (the model), and the poc's.
    const { name, usernameKey, passwordKey } = overlay.statsSecret;
    expect([name, usernameKey, passwordKey]).toEqual(["haproxy-stats-auth", "username", "password"]);
    expect(secrets[0].metadata).toEqual({ name, namespace: "haproxy-poc" });
    expect(Object.keys(secrets[0].data).sort()).toEqual([passwordKey, usernameKey].sort());
    expect(json).toHaveResource(KubectlManifest);
  });

  it("outputs the URLs of ports 80 and 5000, how to reach the stats page without a load balancer, and its credentials", () => {
    expect(Object.keys(tf.output).sort()).toEqual([
      "http_url",
      "load_balancer_hostname",
      "metadata_url",
      "stats_password",
      "stats_port_forward",
      "stats_username",
    ]);
    expect(tf.output.metadata_url.value).toMatch(/^http:\/\/\$\{data\.kubernetes_service_v1\..*hostname\}:5000\/$/);
    expect(tf.output.stats_port_forward.value).toBe("kubectl -n haproxy-poc port-forward daemonset/prd-haproxy 9000:9000");
    expect(tf.output.stats_password.sensitive).toBe(true);
    expect(tf.data.kubernetes_service_v1[Object.keys(tf.data.kubernetes_service_v1)[0]].depends_on).toEqual([
      `kubectl_manifest.${objectId(overlay.mainService)}`,
    ]);
  });

  it("applies the PriorityClass and the NetworkPolicies before the pods that they govern", () => {
    const before = [...priorityClass.map(objectId), ...overlay.networkPolicies.map(objectId)];
    expect(before.length).toBe(4);
    for (const id of [objectId(overlay.daemonSet), objectId(overlay.nginx)]) {
      expect(manifests[id].depends_on).toEqual(expect.arrayContaining(before.map((b) => `kubectl_manifest.${b}`)));
    }
  });

  it("authenticates with short-lived tokens from aws eks get-token against the cluster stack's endpoint", () => {
    const kubectl = tf.provider.kubectl[0];
    expect(kubectl).toMatchObject({ load_config_file: false, apply_retry_count: 5 });
    expect(kubectl.host).toMatch(/terraform_remote_state\.cross-stack-reference-input-eks-cluster/);
    expect(kubectl.exec).toMatchObject({ api_version: "client.authentication.k8s.io/v1beta1", command: "aws" });
    expect(kubectl.exec.args.slice(0, 3)).toEqual(["eks", "get-token", "--cluster-name"]);
    expect(tf.provider.kubernetes[0].exec).toEqual([kubectl.exec]);
    expect(tf.terraform.required_providers.kubectl).toEqual({ source: "alekc/kubectl", version: "~> 2.4" });
  });

  it("depends on the cluster stack, so deploy orders them and destroy reverses them", () => {
    expect(stack.dependencies.map((s) => s.node.id)).toEqual(["eks-cluster"]);
  });
});

describe("WorkloadsStack with custom load balancer settings", () => {
  it("lets only the configured CIDRs through and tags with the configured tags", () => {
    const { tf } = synthWorkloads({
      EKS_POC_LOAD_BALANCER_SOURCE_RANGES: "203.0.113.0/24,198.51.100.7/32",
      EKS_POC_TAGS: "Team=platform,Env=poc",
    });
    const service = new RenderedOverlay(renderedPoc()).mainService;
    const applied = parse(tf.resource.kubectl_manifest[objectId(service)].yaml_body);
    expect(applied.spec.loadBalancerSourceRanges).toEqual(["203.0.113.0/24", "198.51.100.7/32"]);
    expect(applied.metadata.annotations[ADDITIONAL_TAGS_ANNOTATION]).toBe("Project=eks-haproxy-poc,ManagedBy=cdktf,Team=platform,Env=poc");
  });
});

describe("WorkloadsStack with statsSourceRanges", () => {
  let tf: SynthesizedWorkloads["tf"];
  let stats: KubernetesObject, main: KubernetesObject;
  beforeEach(() => {
    ({ tf } = synthWorkloads({ EKS_POC_STATS_SOURCE_RANGES: "198.51.100.7/32" }));
    ({ statsService: stats, mainService: main } = new RenderedOverlay(renderedPoc()));
  });

  it("applies the stats page's Service with those ranges only, and the main one with its own", () => {
    const applied = parse(tf.resource.kubectl_manifest[objectId(stats)].yaml_body);
    expect(applied.spec).toEqual({ ...stats.spec, loadBalancerSourceRanges: ["198.51.100.7/32"] });
    expect(applied.metadata.annotations[ADDITIONAL_TAGS_ANNOTATION]).toBe("Project=eks-haproxy-poc,ManagedBy=cdktf");
    expect(parse(tf.resource.kubectl_manifest[objectId(main)].yaml_body).spec.loadBalancerSourceRanges).toEqual(["0.0.0.0/0"]);
    expect(tf.resource.kubectl_manifest[objectId(stats)].wait_for).toEqual(tf.resource.kubectl_manifest[objectId(main)].wait_for);
  });

  it("outputs the stats URL on its own load balancer's host name", () => {
    const sources = Object.entries(tf.data.kubernetes_service_v1 as Record<string, any>);
    const [statsSource] = sources.find(([, s]) => s.metadata.name === stats.metadata.name) ?? [];
    expect(statsSource).toBeDefined();
    expect(tf.output.stats_url.value).toBe(
      `http://\${data.kubernetes_service_v1.${statsSource}.status[0].load_balancer[0].ingress[0].hostname}:9000/`,
    );
    expect(tf.output.http_url.value).not.toContain(statsSource);
  });
});

/** The DaemonSet with the stats Secret's keys renamed in STATS_USER's and STATS_PASSWORD's secretKeyRef. */
function withStatsSecretKeys(daemonSet: KubernetesObject, usernameKey: string, passwordKey: string): KubernetesObject {
  const copy = structuredClone(daemonSet);
  for (const container of copy.spec.template.spec.containers) {
    for (const env of container.env ?? []) {
      const ref = env.valueFrom?.secretKeyRef;
      if (env.name === "STATS_USER" && ref) ref.key = usernameKey;
      if (env.name === "STATS_PASSWORD" && ref) ref.key = passwordKey;
    }
  }
  return copy;
}

describe("WorkloadsStack with another overlay's ports, Service names and stats Secret keys", () => {
  // The metadata port moved to 5050 and the stats Service renamed: the outputs follow the overlay, not the poc's values.
  const otherOverlay = () =>
    renderedPoc()
      .map((o) => {
        if (o.kind !== "Service") return o;
        if (o.metadata.name === "prd-haproxy") {
          return {
            ...o,
            spec: { ...o.spec, ports: o.spec.ports.map((p: { name: string }) => (p.name === "metadata" ? { ...p, port: 5050 } : p)) },
          };
        }
        return o.metadata.name === "prd-haproxy-stats" ? { ...o, metadata: { ...o.metadata, name: "prd-haproxy-admin" } } : o;
      })
      .map((o) => (o.kind === "DaemonSet" ? withStatsSecretKeys(o, "stats-user", "stats-pass") : o));
  let tf: SynthesizedWorkloads["tf"];
  beforeEach(() => ({ tf } = synthWorkloads({ EKS_POC_STATS_SOURCE_RANGES: "198.51.100.7/32" }, otherOverlay())));

  it("writes the stats Secret with the keys the DaemonSet reads", () => {
    const [secret]: any[] = Object.values(tf.resource.kubernetes_secret_v1);
    expect(Object.keys(secret.data).sort()).toEqual(["stats-pass", "stats-user"]);
  });

  it("outputs each URL at the port and on the load balancer of the Service that publishes it", () => {
    const sources = Object.entries(tf.data.kubernetes_service_v1 as Record<string, any>);
    const [admin] = sources.find(([, s]) => s.metadata.name === "prd-haproxy-admin") ?? [];
    expect(admin).toBeDefined();
    expect(tf.output.metadata_url.value).toMatch(/:5050\/$/);
    expect(tf.output.stats_url.value).toBe(
      `http://\${data.kubernetes_service_v1.${admin}.status[0].load_balancer[0].ingress[0].hostname}:9000/`,
    );
    expect(parse(tf.resource.kubectl_manifest["service-prd-haproxy-admin"].yaml_body).spec.loadBalancerSourceRanges).toEqual([
      "198.51.100.7/32",
    ]);
  });
});
