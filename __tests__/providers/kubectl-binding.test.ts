import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { KubectlManifest, KubectlProvider } from "../../providers/kubectl";
import { KUBECTL_PROVIDER } from "../../providers/kubectl/schema-source";
import providerSchema from "../../providers/kubectl/provider-schema.json";
import type { SchemaBlock } from "../helpers/provider-schema";
import { schemaProblems, versionParts } from "../helpers/provider-schema";
import { synthWorkloads } from "../helpers/synth-workloads";

const schemas = providerSchema.provider_schemas["registry.terraform.io/alekc/kubectl"];
const PROVIDER_BLOCK = schemas.provider.block as SchemaBlock;
const MANIFEST_BLOCK = schemas.resource_schemas.kubectl_manifest.block as SchemaBlock;
/** Terraform's own arguments, not the provider's schema. */
const RESOURCE_META = new Set(["//", "provider", "depends_on", "count", "for_each", "lifecycle", "provisioner", "connection"]);
const PROVIDER_META = new Set(["alias"]);
/** The oldest release the constraint admits: every argument the binding writes must exist there already. */
const FLOOR = versionParts(KUBECTL_PROVIDER.versionConstraint);

function synthBinding(hclOutput = false): string {
  const app = hclOutput ? new App({ hclOutput: true, outdir: mkdtempSync(join(tmpdir(), "hcl-")) }) : Testing.app();
  const stack = new TerraformStack(app, "binding");
  const provider = new KubectlProvider(stack, "kubectl", {
    host: "https://example.invalid",
    clusterCaCertificate: "PEM",
    token: "t",
    loadConfigFile: false,
    applyRetryCount: 3,
    lazyLoad: true,
    exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token"], env: { A: "b" } },
  });
  new KubectlManifest(stack, "all", {
    provider,
    yamlBody: "kind: Namespace",
    serverSideApply: true,
    fieldManager: "poc",
    forceConflicts: true,
    forceNew: true,
    applyOnly: true,
    ignoreFields: ["metadata.annotations"],
    sensitiveFields: ["data"],
    overrideNamespace: "ns",
    validateSchema: false,
    wait: true,
    waitForRollout: false,
    deleteCascade: "Foreground",
    waitFor: {
      field: [
        { key: "status.phase", value: "Active" },
        { key: "status.x", value: "^y$", valueType: "regex" },
      ],
    },
  });
  return hclOutput ? JSON.stringify(Testing.synthHcl(stack)) : Testing.synth(stack);
}

/** Every kubectl provider block and kubectl_manifest of a stack's Terraform JSON, checked against the schema. */
function problems(tf: any): string[] {
  const providers: Record<string, unknown>[] = tf.provider?.kubectl ?? [];
  const manifests: Record<string, Record<string, unknown>> = tf.resource?.kubectl_manifest ?? {};
  return [
    ...providers.flatMap((p, i) => schemaProblems(PROVIDER_BLOCK, p, `provider.kubectl[${i}]`, FLOOR, PROVIDER_META)),
    ...Object.entries(manifests).flatMap(([name, body]) =>
      schemaProblems(MANIFEST_BLOCK, body, `kubectl_manifest.${name}`, FLOOR, RESOURCE_META),
    ),
  ];
}

describe("the hand-written kubectl binding, against alekc/kubectl's schema", () => {
  it("records where the schema comes from", () => {
    const source = providerSchema._source;
    expect(source).toMatchObject({ provider: KUBECTL_PROVIDER.source, commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    // The tag read is one the constraint admits: same major, at or above its floor.
    const [major, minor] = versionParts(source.tag);
    expect(major).toBe(FLOOR[0]);
    expect(minor).toBeGreaterThanOrEqual(FLOOR[1]);
  });

  it("writes, in the workloads stack, only arguments the provider has, shaped as declared, every required one present", () => {
    const { tf } = synthWorkloads();
    expect(tf.provider.kubectl).toHaveLength(1);
    expect(tf.provider.kubectl[0].exec).toBeDefined();
    const manifests = Object.values(tf.resource.kubectl_manifest as Record<string, Record<string, unknown>>);
    expect(manifests.length).toBeGreaterThan(5);
    expect(manifests.some((m) => m.wait_for !== undefined)).toBe(true);
    expect(problems(tf)).toEqual([]);
  });

  it("maps every binding option to an argument of the provider", () => {
    const tf = JSON.parse(synthBinding());
    const manifest = tf.resource.kubectl_manifest.all;
    // Each option set above reaches the JSON: none dropped on the way.
    expect(Object.keys(tf.provider.kubectl[0]).sort()).toEqual([
      "apply_retry_count",
      "cluster_ca_certificate",
      "exec",
      "host",
      "lazy_load",
      "load_config_file",
      "token",
    ]);
    expect(
      Object.keys(manifest)
        .filter((k) => !RESOURCE_META.has(k))
        .sort(),
    ).toEqual([
      "apply_only",
      "delete_cascade",
      "field_manager",
      "force_conflicts",
      "force_new",
      "ignore_fields",
      "override_namespace",
      "sensitive_fields",
      "server_side_apply",
      "validate_schema",
      "wait",
      "wait_for",
      "wait_for_rollout",
      "yaml_body",
    ]);
    expect(problems(tf)).toEqual([]);
  });

  it("names what a wrong mapping would get wrong", () => {
    const wrong = {
      provider: { kubectl: [{ clusterCaCertificate: "PEM", exec: { api_version: "v1", args: "eks" } }] },
      resource: {
        kubectl_manifest: {
          m: {
            yaml_body: "x",
            wait_for: { "status.phase": "Active" },
            timeouts: [{ create: "1m" }, { create: "2m" }],
            delete_cascade: "Orphan",
            wait: "yes",
            uid: "u",
          },
        },
      },
    };
    expect(problems(wrong)).toEqual([
      "provider.kubectl[0].clusterCaCertificate: not in the schema",
      'provider.kubectl[0].exec[0].args: "eks" is not ["list","string"]',
      "provider.kubectl[0].exec[0].command: required, missing",
      "kubectl_manifest.m.wait_for[0].status.phase: not in the schema",
      "kubectl_manifest.m.timeouts: 2 blocks, at most 1",
      "kubectl_manifest.m.delete_cascade: Orphan not in Background,Foreground",
      'kubectl_manifest.m.wait: "yes" is not "bool"',
      "kubectl_manifest.m.uid: computed only, not an argument",
    ]);
  });

  it("refuses HCL output instead of dropping attributes, for the provider and for a manifest alone", () => {
    expect(() => synthBinding(true)).toThrow(/^provider kubectl: .*synthesizes Terraform JSON only; synthesize without --hcl$/);
    const stack = new TerraformStack(new App({ hclOutput: true, outdir: mkdtempSync(join(tmpdir(), "hcl-")) }), "manifest-only");
    new KubectlManifest(stack, "alone", { yamlBody: "kind: Namespace" });
    expect(() => Testing.synthHcl(stack)).toThrow(/^kubectl_manifest: .*synthesize without --hcl$/);
  });

  it("writes an exec block without env when none is given, and keeps the names of one given", () => {
    const tf = JSON.parse(
      Testing.synthScope((scope) => {
        new KubectlProvider(scope, "bare", { alias: "bare", exec: { apiVersion: "v1", command: "aws", args: [] } });
        new KubectlProvider(scope, "env", {
          alias: "env",
          exec: { apiVersion: "v1", command: "aws", args: [], env: { AWS_PROFILE: "p" } },
        });
      }),
    );
    const [bare, withEnv] = tf.provider.kubectl;
    expect(bare.exec).toEqual({ api_version: "v1", command: "aws", args: [] });
    expect(withEnv.exec.env).toEqual({ AWS_PROFILE: "p" });
  });

  it("reads the manifest's attributes the provider computes, each one its schema declares", () => {
    const computed = ["uid", "name", "namespace", "kind"] as const;
    const tf = JSON.parse(
      Testing.synthScope((scope) => {
        const manifest = new KubectlManifest(scope, "read", { yamlBody: "kind: Namespace" });
        for (const name of computed) new TerraformOutput(scope, name, { value: manifest[name] });
      }),
    );
    for (const name of computed) {
      expect(tf.output[name].value).toBe(`\${kubectl_manifest.read.${name}}`);
      expect(MANIFEST_BLOCK.attributes?.[name]).toMatchObject({ type: "string", computed: true });
    }
  });
});
