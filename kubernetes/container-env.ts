import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { KubernetesObject } from "./kubernetes-object";
import { findContainer } from "./kubernetes-object";

/** What the kubelet would supply to a container's environment. */
export interface PodContext {
  /** metadata.name of the pod. */
  readonly podName: string;
  /** spec.nodeName of the pod. */
  readonly nodeName: string;
  /** Secret values by `<secret>/<key>`. */
  readonly secrets?: Readonly<Record<string, string>>;
}

/**
 * The environment a container of `workload` gets, as the kubelet builds it:
 * literal values, Downward API fields, Secret keys, and `$(VAR)` references
 * to variables defined earlier in the list. Used to run the rendered
 * containers' programs outside Kubernetes.
 */
export function containerEnvironment(workload: KubernetesObject, containerName: string, pod: PodContext): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of findContainer(workload, containerName).env ?? []) {
    env[entry.name] = entry.value !== undefined ? expand(entry.value, env) : valueFrom(entry, workload, pod);
  }
  return env;
}

function expand(value: string, defined: Record<string, string>): string {
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (reference, name: string) => defined[name] ?? reference);
}

function valueFrom(entry: IEnvVar, workload: KubernetesObject, pod: PodContext): string {
  const field = entry.valueFrom?.fieldRef?.fieldPath;
  const fields: Record<string, string | undefined> = {
    "metadata.name": pod.podName,
    "metadata.namespace": workload.metadata.namespace ?? "default",
    "spec.nodeName": pod.nodeName,
  };
  if (field !== undefined && fields[field] !== undefined) return fields[field];
  const secretRef = entry.valueFrom?.secretKeyRef;
  if (secretRef) {
    const value = pod.secrets?.[`${secretRef.name}/${secretRef.key}`];
    if (value === undefined) throw new Error(`${entry.name}: no value given for Secret ${secretRef.name}, key ${secretRef.key}`);
    return value;
  }
  throw new Error(`${entry.name}: unsupported valueFrom ${JSON.stringify(entry.valueFrom)}`);
}
