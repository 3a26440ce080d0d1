import { Testing, TerraformStack } from "cdktf";
import { KustomizeManifests } from "../../constructs/kustomize-manifests";
import { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { KubectlProvider } from "../../providers/kubectl";

// Kinds the poc overlay does not render today (a Secret, a StatefulSet) still go to their stage: an overlay that
// adds them gets them in order without a change here.
describe("KustomizeManifests' apply order", () => {
  const object = (kind: string, name: string): KubernetesObject => ({ apiVersion: "v1", kind, metadata: { name, namespace: "apps" } });
  const stack = new TerraformStack(Testing.app(), "test");
  new KustomizeManifests(stack, "manifests", {
    provider: new KubectlProvider(stack, "kubectl", { loadConfigFile: false }),
    objects: [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps" } },
      object("Secret", "db"), object("ServiceAccount", "worker"), { ...object("StatefulSet", "db"), apiVersion: "apps/v1" },
      { ...object("Role", "reader"), apiVersion: "rbac.authorization.k8s.io/v1" },
    ],
  });
  const manifests = JSON.parse(Testing.synth(stack)).resource.kubectl_manifest;

  it("applies a StatefulSet as a workload: after its Secret and ServiceAccount, waiting for its rollout", () => {
    expect(manifests["statefulset-db"].depends_on).toEqual(expect.arrayContaining([
      "kubectl_manifest.namespace-apps", "kubectl_manifest.secret-db", "kubectl_manifest.serviceaccount-worker",
    ]));
    expect(manifests["statefulset-db"].wait_for_rollout).toBe(true);
  });

  it("applies an object of another kind, one without a spec, after the namespace alone", () => {
    expect(manifests["role-reader"].depends_on).toEqual(["kubectl_manifest.namespace-apps"]);
  });

  it("applies Secrets and ServiceAccounts after the namespace alone", () => {
    expect(manifests["secret-db"].depends_on).toEqual(["kubectl_manifest.namespace-apps"]);
    expect(manifests["serviceaccount-worker"].depends_on).toEqual(["kubectl_manifest.namespace-apps"]);
  });
});

describe("KustomizeManifests' ids", () => {
  it("refuses two objects with one id, naming it, before cdktf's own construct-id error", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const config = (namespace: string): KubernetesObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace } });
    expect(() => new KustomizeManifests(stack, "manifests", {
      provider: new KubectlProvider(stack, "kubectl", { loadConfigFile: false }),
      objects: [config("a"), config("b")],
    })).toThrow("the overlay renders two objects with the id configmap-settings");
  });
});
