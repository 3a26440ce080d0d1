import type { KubernetesObject } from "./kubernetes-object";
import type { RenderedOverlay } from "./rendered-overlay";

/**
 * The objects to apply: all of them when the stats page has source ranges,
 * else all but its Service, so that no load balancer listens on its port.
 */
export function withStatsService(overlay: RenderedOverlay, statsSourceRanges: readonly string[]): KubernetesObject[] {
  return overlay.objects.filter((o) => o !== overlay.statsService || statsSourceRanges.length > 0);
}
