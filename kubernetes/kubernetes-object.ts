/** The fields of a rendered Kubernetes object this project reads. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly annotations?: Record<string, string>; readonly labels?: Record<string, string> };
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

/** The generated ConfigMap whose name starts with the given base name (before kustomize's hash suffix). */
export function findConfigMap(objects: readonly KubernetesObject[], name: string): KubernetesObject {
  const found = objects.filter((o) => o.kind === "ConfigMap" && new RegExp(`(^|-)${name}-[a-z0-9]{10}$`).test(o.metadata.name));
  if (found.length !== 1) {
    throw new Error(`expected one ConfigMap generated from ${name} in the rendered overlay, found ${found.length}`);
  }
  return found[0];
}

/** The container of `workload` named `name`. */
export function findContainer(workload: KubernetesObject, name: string): any {
  const container = workload.spec?.template?.spec?.containers?.find((c: { name: string }) => c.name === name);
  if (!container) throw new Error(`${workload.kind} ${workload.metadata.name} has no container named ${name}`);
  return container;
}
