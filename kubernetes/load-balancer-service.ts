import type { IService } from "kubernetes-models/v1/Service";
import type { KubernetesObject } from "./kubernetes-object";
import { typed } from "./kubernetes-object";

/**
 * Tags cloud-provider-aws puts on the NLB, its target groups and listeners, as
 * `key=value,key=value` (docs/service_controller.md); `default_tags` never
 * reach them, since Terraform does not create them.
 */
export const ADDITIONAL_TAGS_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags";

/** What the settings decide about a LoadBalancer Service. */
export interface LoadBalancerServiceOptions {
  /** Client CIDRs allowed through the load balancer (and to the NodePorts behind it). */
  readonly sourceRanges: readonly string[];
  /** Other client CIDRs for the Services of these (rendered) names. @default {} */
  readonly sourceRangesByService?: Readonly<Record<string, readonly string[]>>;
  /** Tags for the load balancer and its target groups. */
  readonly tags: Readonly<Record<string, string>>;
}

/** The annotation's value; the settings refuse keys and values holding "," or "=", which would not survive the round trip. */
export function additionalTagsAnnotation(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(",");
}

/** A copy of `service` with the settings' source ranges and tags; the overlay's own annotations are kept. */
export function configureLoadBalancerService(service: KubernetesObject, options: LoadBalancerServiceOptions): KubernetesObject {
  const tags: Record<string, string> =
    Object.keys(options.tags).length > 0 ? { [ADDITIONAL_TAGS_ANNOTATION]: additionalTagsAnnotation(options.tags) } : {};
  return {
    ...service,
    metadata: { ...service.metadata, annotations: { ...service.metadata.annotations, ...tags } },
    spec: {
      ...typed<IService>(service).spec,
      loadBalancerSourceRanges: [...(options.sourceRangesByService?.[service.metadata.name] ?? options.sourceRanges)],
    },
  };
}
