/**
 * What kube-proxy on one node knows of the Service's endpoints with
 * externalTrafficPolicy Cluster: each pod's readiness as last reported by its
 * node's kubelet. A node that stops reporting keeps its pod's last state until
 * the control plane marks the node NotReady (kube-controller-manager's node
 * monitor grace period), then its pod is not ready.
 */
export class EndpointsView {
  private readonly lastReport = new Map<string, { ready: boolean; at: number }>();

  constructor(private readonly gracePeriodMs: number) {}

  /** A report from `node`'s kubelet at `now`. */
  report(node: string, ready: boolean, now: number): void {
    this.lastReport.set(node, { ready, at: now });
  }

  /** Whether kube-proxy forwards to `node`'s pod at `now`. */
  ready(node: string, now: number): boolean {
    const last = this.lastReport.get(node);
    return last !== undefined && last.ready && now - last.at < this.gracePeriodMs;
  }
}
