import { KubernetesObject, findObject } from "./kubernetes-object";

/** The stats page's own LoadBalancer Service (manifests/haproxy-stats-service.yaml). */
export function findStatsService(objects: readonly KubernetesObject[]): KubernetesObject {
  return findObject(objects, "Service", "haproxy-stats");
}

/**
 * The objects to apply: all of them when the stats page has source ranges,
 * else all but its Service, so that no load balancer listens on 9000.
 */
export function withStatsService(objects: readonly KubernetesObject[], statsSourceRanges: readonly string[]): KubernetesObject[] {
  const stats = findStatsService(objects);
  return objects.filter((o) => o !== stats || statsSourceRanges.length > 0);
}
