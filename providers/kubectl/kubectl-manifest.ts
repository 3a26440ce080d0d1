import type { Construct } from "constructs";
import type { TerraformMetaArguments } from "cdktf";
import { TerraformResource } from "cdktf";
import type { KubectlProvider } from "./kubectl-provider";
import { KUBECTL_PROVIDER, refuseHcl } from "./schema-source";

/** One condition of `wait_for`: a field of the live object and the value to wait for. */
export interface KubectlManifestWaitForField {
  /** Dot-path into the object, e.g. status.phase. */
  readonly key: string;
  /** Value to wait for. */
  readonly value: string;
  /** "eq" or "regex". @default "eq" */
  readonly valueType?: "eq" | "regex";
}

export interface KubectlManifestConfig extends TerraformMetaArguments {
  /** One Kubernetes object as YAML. */
  readonly yamlBody: string;
  /** Apply with server-side apply. @default false */
  readonly serverSideApply?: boolean;
  /** Field manager name for server-side apply. @default "kubectl" */
  readonly fieldManager?: string;
  /** Take fields other managers own. @default false */
  readonly forceConflicts?: boolean;
  /** Delete and re-create when the YAML changes. @default false */
  readonly forceNew?: boolean;
  /** Never delete the object. @default false */
  readonly applyOnly?: boolean;
  /** Fields whose changes are ignored. @default [] */
  readonly ignoreFields?: string[];
  /** Fields hidden in plan output. @default ["data"] for Secrets */
  readonly sensitiveFields?: string[];
  /** Namespace that replaces the one in the YAML. */
  readonly overrideNamespace?: string;
  /** Validate against the server's schema. @default true */
  readonly validateSchema?: boolean;
  /** On delete, wait until the object and its finalizers are gone. @default false */
  readonly wait?: boolean;
  /** Wait for Deployments, DaemonSets and StatefulSets to finish rolling out. @default true */
  readonly waitForRollout?: boolean;
  /** Wait until every field condition holds. */
  readonly waitFor?: { readonly field: KubectlManifestWaitForField[] };
  /** "Background" or "Foreground" deletion. */
  readonly deleteCascade?: "Background" | "Foreground";
  /** The provider; the stack's default when omitted. */
  readonly provider?: KubectlProvider;
}

/** resource "kubectl_manifest" of alekc/kubectl: one object, applied like `kubectl apply`. */
export class KubectlManifest extends TerraformResource {
  static readonly tfResourceType = "kubectl_manifest";
  private readonly config: KubectlManifestConfig;

  constructor(scope: Construct, id: string, config: KubectlManifestConfig) {
    super(scope, id, {
      terraformResourceType: KubectlManifest.tfResourceType,
      terraformGeneratorMetadata: { providerName: "kubectl", providerVersionConstraint: KUBECTL_PROVIDER.versionConstraint },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      forEach: config.forEach,
    });
    this.config = config;
  }

  /** The object's uid, known after apply. */
  get uid(): string {
    return this.getStringAttribute("uid");
  }

  get name(): string {
    return this.getStringAttribute("name");
  }

  get namespace(): string {
    return this.getStringAttribute("namespace");
  }

  get kind(): string {
    return this.getStringAttribute("kind");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const c = this.config;
    return {
      yaml_body: c.yamlBody,
      server_side_apply: c.serverSideApply,
      field_manager: c.fieldManager,
      force_conflicts: c.forceConflicts,
      force_new: c.forceNew,
      apply_only: c.applyOnly,
      ignore_fields: c.ignoreFields,
      sensitive_fields: c.sensitiveFields,
      override_namespace: c.overrideNamespace,
      validate_schema: c.validateSchema,
      wait: c.wait,
      wait_for_rollout: c.waitForRollout,
      wait_for: c.waitFor && {
        field: c.waitFor.field.map((f) => ({ key: f.key, value: f.value, value_type: f.valueType })),
      },
      delete_cascade: c.deleteCascade,
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return refuseHcl("kubectl_manifest");
  }
}
