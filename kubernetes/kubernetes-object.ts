import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";

/** The fields of a rendered Kubernetes object this project reads. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly annotations?: Record<string, string>;
    readonly labels?: Record<string, string>;
  };
  // The raw spec of any kind, as the tests and constructs read it; typed views come from typed<T>() and RenderedOverlay.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- `unknown` would break the tests' reads of raw objects
  readonly spec?: any;
  readonly data?: Record<string, string>;
}

/** A Terraform-friendly, stable and readable id: `daemonset-prd-haproxy`. */
export function objectId(object: KubernetesObject): string {
  return `${object.kind}-${object.metadata.name}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

/** The one object of `kind` whose name ends with `name` (overlays add prefixes), or a clear error. */
export function findObject(objects: readonly KubernetesObject[], kind: string, name: string): KubernetesObject {
  const found = objects.filter((o) => o.kind === kind && (o.metadata.name === name || o.metadata.name.endsWith(`-${name}`)));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} named *${name} in the rendered overlay, found ${found.length}`);
  }
  return found[0];
}

/** The ConfigMap kustomize generated from `name`: its name is `name`, after any prefix and before the 10-character content hash. */
export function findConfigMap(objects: readonly KubernetesObject[], name: string): KubernetesObject {
  const found = objects.filter((o) => o.kind === "ConfigMap" && new RegExp(`(^|-)${name}-[a-z0-9]{10}$`).test(o.metadata.name));
  if (found.length !== 1) {
    throw new Error(`expected one ConfigMap generated from ${name} in the rendered overlay, found ${found.length}`);
  }
  return found[0];
}

/** A rendered object whose spec is the one of a kubernetes-models interface, not `any`. */
export type Typed<T> = Omit<KubernetesObject, "spec"> & T;

/**
 * `object` as the kubernetes-models interface of its kind describes it. The
 * caller has checked the kind; that each rendered object fits its kind's
 * schema is what __tests__/manifests/schema.test.ts checks.
 */
export function typed<T>(object: KubernetesObject): Typed<T> {
  return object as Typed<T>;
}

/** The pod template of a workload (DaemonSet, Deployment). */
export function podTemplate(workload: KubernetesObject): IPodTemplateSpec | undefined {
  return typed<{ spec?: { template?: IPodTemplateSpec } }>(workload).spec?.template;
}

/** The container of `workload` named `name`. */
export function findContainer(workload: KubernetesObject, name: string): IContainer {
  const container = podTemplate(workload)?.spec?.containers.find((c) => c.name === name);
  if (!container) throw new Error(`${workload.kind} ${workload.metadata.name} has no container named ${name}`);
  return container;
}
