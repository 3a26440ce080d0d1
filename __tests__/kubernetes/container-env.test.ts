import { containerEnvironment } from "../../kubernetes/container-env";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";

const workload = (env: unknown[]): KubernetesObject => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "d", namespace: "ns" },
  spec: { template: { spec: { containers: [{ name: "c", env }] } } },
});

describe("containerEnvironment", () => {
  const pod = { podName: "d-x1", nodeName: "node-1", secrets: { "auth/password": "pw" } };

  it("resolves literals, Downward API fields, Secret keys and $(VAR) references in order", () => {
    expect(
      containerEnvironment(
        workload([
          { name: "NS", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
          { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
          { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
          { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "auth", key: "password" } } },
          { name: "HOST", value: "svc.$(NS).svc.$(LATER)" },
          { name: "LATER", value: "x" },
        ]),
        "c",
        pod,
      ),
    ).toEqual({ NS: "ns", NODE: "node-1", POD: "d-x1", PASSWORD: "pw", HOST: "svc.ns.svc.$(LATER)", LATER: "x" });
  });

  it("names a Secret key it was not given", () => {
    expect(() =>
      containerEnvironment(workload([{ name: "U", valueFrom: { secretKeyRef: { name: "auth", key: "username" } } }]), "c", pod),
    ).toThrow("U: no value given for Secret auth, key username");
  });

  it("gives a container without env an empty environment, and a workload without a namespace the default one", () => {
    const bare: KubernetesObject = { ...workload([]), spec: { template: { spec: { containers: [{ name: "c" }] } } } };
    expect(containerEnvironment(bare, "c", pod)).toEqual({});
    const unnamespaced = {
      ...workload([{ name: "NS", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } }]),
      metadata: { name: "d" },
    };
    expect(containerEnvironment(unnamespaced, "c", pod)).toEqual({ NS: "default" });
  });

  it("names an entry with neither value nor valueFrom, a field it does not supply, and a pod without Secrets", () => {
    expect(() => containerEnvironment(workload([{ name: "EMPTY" }]), "c", pod)).toThrow("EMPTY: unsupported valueFrom undefined");
    const hostIp = { name: "HOST_IP", valueFrom: { fieldRef: { fieldPath: "status.hostIP" } } };
    expect(() => containerEnvironment(workload([hostIp]), "c", pod)).toThrow(
      'HOST_IP: unsupported valueFrom {"fieldRef":{"fieldPath":"status.hostIP"}}',
    );
    const secret = { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "auth", key: "password" } } };
    expect(() => containerEnvironment(workload([secret]), "c", { podName: "p", nodeName: "n" })).toThrow(
      "PASSWORD: no value given for Secret auth, key password",
    );
  });

  it("names a valueFrom it cannot supply, as it is written", () => {
    const entry = { name: "MEM", valueFrom: { resourceFieldRef: { resource: "limits.memory" } } };
    expect(() => containerEnvironment(workload([entry]), "c", pod)).toThrow(
      'MEM: unsupported valueFrom {"resourceFieldRef":{"resource":"limits.memory"}}',
    );
  });

  it("names a missing container", () => {
    expect(() => containerEnvironment(workload([]), "other", pod)).toThrow("DaemonSet d has no container named other");
  });
});
