import { Testing, TerraformStack } from "cdktf";
import { parse } from "yaml";
import { Password } from "@cdktf/provider-random/lib/password";
import type { KustomizeManifestsProps } from "../../constructs/kustomize-manifests";
import { KustomizeManifests } from "../../constructs/kustomize-manifests";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { ADDITIONAL_TAGS_ANNOTATION } from "../../kubernetes/load-balancer-service";
import { KubectlProvider } from "../../providers/kubectl";
import { synthScope } from "../helpers/synth-scope";

/** A namespace, a ConfigMap, a Deployment, two LoadBalancer Services and a ClusterIP Service, as an overlay renders them. */
const OVERLAY: KubernetesObject[] = [
  { apiVersion: "v1", kind: "Namespace", metadata: { name: "web" } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "web" }, data: { a: "b" } },
  { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "nginx", namespace: "web" }, spec: { replicas: 2 } },
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "front", namespace: "web", annotations: { team: "web" } },
    spec: { type: "LoadBalancer", ports: [{ port: 80 }] },
  },
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "stats", namespace: "web" },
    spec: { type: "LoadBalancer", ports: [{ port: 9000 }] },
  },
  { apiVersion: "v1", kind: "Service", metadata: { name: "nginx", namespace: "web" }, spec: { ports: [{ port: 8080 }] } },
];

/** The kubectl_manifest resources by address, each with its YAML parsed. */
function synthManifests(props: Partial<KustomizeManifestsProps> = {}, dependency = false) {
  const { tf } = synthScope((scope) => {
    const manifests = new KustomizeManifests(scope, "manifests", {
      objects: OVERLAY,
      provider: new KubectlProvider(scope, "kubectl", { loadConfigFile: false }),
      ...props,
    });
    if (dependency) manifests.addWorkloadDependency(new Password(scope, "secret", { length: 8 }));
  });
  const all: Record<string, any> = tf.resource.kubectl_manifest;
  return Object.fromEntries(Object.entries(all).map(([id, m]) => [id, { ...m, object: parse(m.yaml_body) }]));
}

describe("KustomizeManifests with its required props", () => {
  it("applies every object as rendered, one manifest each, addressed by kind and name, with the given provider", () => {
    const manifests = synthManifests();
    expect(Object.keys(manifests).sort()).toEqual([
      "configmap-settings",
      "deployment-nginx",
      "namespace-web",
      "service-front",
      "service-nginx",
      "service-stats",
    ]);
    for (const object of OVERLAY) {
      const manifest = Object.values(manifests).find(
        (m) => m.object.kind === object.kind && m.object.metadata.name === object.metadata.name,
      );
      expect(manifest.object).toEqual(object);
      expect(manifest.provider).toBe("kubectl");
    }
  });

  it("orders namespace, configuration, then workloads; load balancers and other objects after the namespace only", () => {
    const m = synthManifests();
    expect(m["namespace-web"].depends_on).toBeUndefined();
    expect(m["configmap-settings"].depends_on).toEqual(["kubectl_manifest.namespace-web"]);
    expect(m["deployment-nginx"].depends_on).toEqual(["kubectl_manifest.namespace-web", "kubectl_manifest.configmap-settings"]);
    expect(m["deployment-nginx"].wait_for_rollout).toBe(true);
    for (const service of ["service-front", "service-stats"]) {
      // Not after the workloads: the load balancer provisions and registers its targets while they roll out.
      expect(m[service].depends_on).toEqual(["kubectl_manifest.namespace-web"]);
      // Destroy waits for the Service's finalizer, the load balancer's deletion; apply waits for its host name.
      expect(m[service].wait).toBe(true);
      expect(m[service].wait_for).toEqual({
        field: [{ key: "status.loadBalancer.ingress.[0].hostname", value: "^.+$", value_type: "regex" }],
      });
    }
    expect(m["service-nginx"].depends_on).toEqual(["kubectl_manifest.namespace-web"]);
    expect(m["service-nginx"].wait).toBeUndefined();
  });
});

describe("KustomizeManifests with every prop set", () => {
  const loadBalancer = {
    sourceRanges: ["203.0.113.0/24"],
    sourceRangesByService: { stats: ["198.51.100.7/32"] },
    tags: { Team: "web", Cost: "42" },
  };

  it("sets the source ranges and tags on LoadBalancer Services only, keeping their own annotations", () => {
    const m = synthManifests({ loadBalancer });
    expect(m["service-front"].object.spec.loadBalancerSourceRanges).toEqual(["203.0.113.0/24"]);
    expect(m["service-stats"].object.spec.loadBalancerSourceRanges).toEqual(["198.51.100.7/32"]);
    expect(m["service-front"].object.metadata.annotations).toEqual({ team: "web", [ADDITIONAL_TAGS_ANNOTATION]: "Team=web,Cost=42" });
    expect(m["service-nginx"].object).toEqual(OVERLAY[5]);
  });

  it("makes every workload, and only workloads, wait for a dependency added later", () => {
    const m = synthManifests({}, true);
    expect(m["deployment-nginx"].depends_on).toEqual([
      "kubectl_manifest.namespace-web",
      "kubectl_manifest.configmap-settings",
      expect.stringMatching(/^random_password\.secret/),
    ]);
    expect(m["service-front"].depends_on).toEqual(["kubectl_manifest.namespace-web"]);
  });
});

// Kinds the poc overlay does not render today (a Secret, a StatefulSet) still go to their stage: an overlay that
// adds them gets them in order without a change here. Synthesized in each test, so that mutation testing counts it.
describe("KustomizeManifests' apply order", () => {
  const object = (kind: string, name: string, apiVersion = "v1"): KubernetesObject => ({
    apiVersion,
    kind,
    metadata: { name, namespace: "apps" },
  });
  const synthOrder = () =>
    synthScope((scope) => {
      new KustomizeManifests(scope, "manifests", {
        provider: new KubectlProvider(scope, "kubectl", { loadConfigFile: false }),
        objects: [
          { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps" } },
          object("Secret", "db"),
          object("ServiceAccount", "worker"),
          object("StatefulSet", "db", "apps/v1"),
          object("NetworkPolicy", "deny", "networking.k8s.io/v1"),
          { ...object("PriorityClass", "node"), apiVersion: "scheduling.k8s.io/v1" },
          object("DaemonSet", "agent", "apps/v1"),
          object("Role", "reader", "rbac.authorization.k8s.io/v1"),
        ],
      });
    }).tf.resource.kubectl_manifest;
  const configuration = [
    "kubectl_manifest.secret-db",
    "kubectl_manifest.serviceaccount-worker",
    "kubectl_manifest.networkpolicy-deny",
    "kubectl_manifest.priorityclass-node",
  ];

  it("applies a StatefulSet and a DaemonSet as workloads: after the namespace and every configuration object, waiting for their rollout", () => {
    const manifests = synthOrder();
    for (const workload of ["statefulset-db", "daemonset-agent"]) {
      expect(manifests[workload].depends_on).toEqual(["kubectl_manifest.namespace-apps", ...configuration]);
      expect(manifests[workload].wait_for_rollout).toBe(true);
    }
  });

  it("applies an object of another kind, one without a spec, after the namespace alone", () => {
    expect(synthOrder()["role-reader"].depends_on).toEqual(["kubectl_manifest.namespace-apps"]);
  });

  it("applies Secrets, ServiceAccounts, NetworkPolicies and PriorityClasses after the namespace alone, without waiting", () => {
    const manifests = synthOrder();
    for (const id of configuration) {
      const manifest = manifests[id.replace("kubectl_manifest.", "")];
      expect(manifest.depends_on).toEqual(["kubectl_manifest.namespace-apps"]);
      expect(manifest.wait_for_rollout).toBeUndefined();
    }
  });
});

describe("KustomizeManifests' ids", () => {
  it("refuses two objects with one id, naming it, before cdktf's own construct-id error", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const config = (namespace: string): KubernetesObject => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings", namespace },
    });
    expect(
      () =>
        new KustomizeManifests(stack, "manifests", {
          provider: new KubectlProvider(stack, "kubectl", { loadConfigFile: false }),
          objects: [config("a"), config("b")],
        }),
    ).toThrow("the overlay renders two objects with the id configmap-settings");
  });
});
