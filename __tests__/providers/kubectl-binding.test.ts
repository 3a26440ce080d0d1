import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { KubectlManifest, KubectlProvider } from "../../providers/kubectl";

describe("the hand-written kubectl binding", () => {
  function synth(hclOutput = false): string {
    const app = hclOutput ? new App({ hclOutput: true, outdir: mkdtempSync(join(tmpdir(), "hcl-")) }) : Testing.app();
    const stack = new TerraformStack(app, "binding");
    const provider = new KubectlProvider(stack, "kubectl", {
      host: "https://example.invalid", clusterCaCertificate: "PEM", loadConfigFile: false, applyRetryCount: 3, lazyLoad: true,
      exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token"], env: { A: "b" } },
    });
    new KubectlManifest(stack, "all", {
      provider, yamlBody: "kind: Namespace", serverSideApply: true, fieldManager: "poc", forceConflicts: true, forceNew: true,
      applyOnly: true, ignoreFields: ["metadata.annotations"], sensitiveFields: ["data"], overrideNamespace: "ns",
      validateSchema: false, wait: true, waitForRollout: false, deleteCascade: "Foreground",
      waitFor: { field: [{ key: "status.phase", value: "Active" }] },
    });
    return hclOutput ? JSON.stringify(Testing.synthHcl(stack)) : Testing.synth(stack);
  }

  it("writes the provider's documented argument names", () => {
    const tf = JSON.parse(synth());
    expect(tf.provider.kubectl[0]).toEqual({
      host: "https://example.invalid", cluster_ca_certificate: "PEM", load_config_file: false, apply_retry_count: 3, lazy_load: true,
      exec: { api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token"], env: { A: "b" } },
    });
    expect(tf.terraform.required_providers.kubectl).toEqual({ source: "alekc/kubectl", version: "~> 2.1" });
  });

  it("writes every kubectl_manifest argument under its documented name", () => {
    expect(JSON.parse(synth()).resource.kubectl_manifest.all).toEqual({
      provider: "kubectl", yaml_body: "kind: Namespace", server_side_apply: true, field_manager: "poc", force_conflicts: true,
      force_new: true, apply_only: true, ignore_fields: ["metadata.annotations"], sensitive_fields: ["data"], override_namespace: "ns",
      validate_schema: false, wait: true, wait_for_rollout: false, delete_cascade: "Foreground",
      wait_for: { field: [{ key: "status.phase", value: "Active" }] },
    });
  });

  it("refuses HCL output instead of dropping attributes", () => {
    expect(() => synth(true)).toThrow(/synthesizes Terraform JSON only; synthesize without --hcl$/);
  });
});
