import type { IDaemonSetSpec } from "kubernetes-models/apps/v1/DaemonSetSpec";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { findConfigMap, findContainer, findObject, objectId, podTemplate, typed } from "../../kubernetes/kubernetes-object";

function object(kind: string, name: string, spec?: unknown): KubernetesObject {
  return { apiVersion: "v1", kind, metadata: { name }, ...(spec === undefined ? {} : { spec }) };
}

const HAPROXY = object("DaemonSet", "poc-haproxy", {
  selector: { matchLabels: { app: "haproxy" } },
  template: {
    metadata: { labels: { app: "haproxy" } },
    spec: {
      containers: [
        { name: "haproxy", image: "haproxy:3.2" },
        { name: "metadata", image: "metadata-app:1" },
      ],
    },
  },
});

const OBJECTS: KubernetesObject[] = [
  HAPROXY,
  object("Service", "poc-haproxy"),
  object("Service", "poc-myhaproxy"),
  object("Deployment", "poc-nginx"),
  object("ConfigMap", "poc-haproxy-config-5fg8t2h6km"),
  object("ConfigMap", "poc-haproxy-config-extra-b7c9d2k4mt"),
  object("Secret", "poc-nginx-config-5fg8t2h6km"),
  object("ConfigMap", "poc-myhaproxy-config-k2m9d7t5bc"),
];

describe("objectId", () => {
  it("defaults: kind and name, lower case, joined by a hyphen", () => {
    expect(objectId(HAPROXY)).toBe("daemonset-poc-haproxy");
  });

  it("turns each character Terraform ids cannot hold into a hyphen", () => {
    expect(objectId(object("ClusterRole", "system:coredns.v1"))).toBe("clusterrole-system-coredns-v1");
  });
});

describe("findObject", () => {
  it("finds the one object of a kind by its name after the overlay's prefix", () => {
    expect(findObject(OBJECTS, "Service", "haproxy")).toBe(OBJECTS[1]);
    expect(findObject(OBJECTS, "DaemonSet", "poc-haproxy")).toBe(HAPROXY);
  });

  it("takes no name that merely ends with the same letters (myhaproxy is not haproxy)", () => {
    expect(findObject(OBJECTS, "Service", "myhaproxy")).toBe(OBJECTS[2]);
  });

  it("refuses in one line when none or several match", () => {
    expect(() => findObject(OBJECTS, "Service", "nginx")).toThrow("expected one Service named *nginx in the rendered overlay, found 0");
    const twice = [...OBJECTS, object("Service", "staging-haproxy")];
    expect(() => findObject(twice, "Service", "haproxy")).toThrow("expected one Service named *haproxy in the rendered overlay, found 2");
  });
});

describe("findConfigMap", () => {
  it("finds the ConfigMap generated from a base name, with the overlay's prefix and kustomize's hash", () => {
    expect(findConfigMap(OBJECTS, "haproxy-config")).toBe(OBJECTS[4]);
  });

  it("takes neither a longer base name, nor one that merely ends with the same letters, nor another kind", () => {
    expect(findConfigMap(OBJECTS, "haproxy-config-extra")).toBe(OBJECTS[5]);
    expect(findConfigMap(OBJECTS, "myhaproxy-config")).toBe(OBJECTS[7]);
    expect(() => findConfigMap(OBJECTS, "nginx-config")).toThrow(
      "expected one ConfigMap generated from nginx-config in the rendered overlay, found 0",
    );
  });

  it("takes no name without kustomize's hash suffix", () => {
    expect(() => findConfigMap([object("ConfigMap", "poc-haproxy-config")], "haproxy-config")).toThrow("found 0");
  });
});

describe("typed, podTemplate, findContainer", () => {
  it("typed reads the same object through its kind's interface", () => {
    const daemonSet = typed<{ spec: IDaemonSetSpec }>(HAPROXY);
    expect(daemonSet).toBe(HAPROXY);
    expect(daemonSet.spec.selector.matchLabels).toEqual({ app: "haproxy" });
  });

  it("podTemplate is a workload's pod template, and undefined for an object without one", () => {
    expect(podTemplate(HAPROXY)?.metadata?.labels).toEqual({ app: "haproxy" });
    expect(podTemplate(object("ConfigMap", "poc-haproxy-config-5fg8t2h6km"))).toBeUndefined();
  });

  it("findContainer finds a container by name, not the first one", () => {
    expect(findContainer(HAPROXY, "metadata")).toEqual({ name: "metadata", image: "metadata-app:1" });
  });

  it("findContainer refuses in one line a container the workload lacks, or an object without pods", () => {
    expect(() => findContainer(HAPROXY, "nginx")).toThrow("DaemonSet poc-haproxy has no container named nginx");
    expect(() => findContainer(object("Service", "poc-haproxy"), "haproxy")).toThrow("Service poc-haproxy has no container named haproxy");
  });
});
