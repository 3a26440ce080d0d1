import { podTemplate } from "../kubernetes/kubernetes-object";
import type { RenderedOverlay } from "../kubernetes/rendered-overlay";
import { requireTool } from "../lib/require-tool";
import type { PolicyHost } from "./network-policy-ruleset";
import { NFT_TABLE, networkPolicyRulesets } from "./network-policy-ruleset";
import type { TestHost } from "./test-network";
import { run } from "../lib/run";

/** CoreDNS's namespace and label, which the cluster-DNS policy selects. */
const CLUSTER_DNS = { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } };

/** The harness hosts that stand for pods: the DaemonSet's, the Deployment's, CoreDNS. */
export interface PodHosts {
  readonly haproxy: readonly TestHost[];
  readonly nginx: readonly TestHost[];
  readonly dns: TestHost;
}

/** The pod hosts with the namespace and labels of the pods they stand for. */
export function policyHosts(overlay: RenderedOverlay, hosts: PodHosts): PolicyHost[] {
  const { daemonSet, nginx } = overlay;
  return [
    ...hosts.haproxy.map((h) => ({
      name: h.name,
      ip: h.ip,
      namespace: daemonSet.metadata.namespace,
      labels: podTemplate(daemonSet)?.metadata?.labels,
    })),
    ...hosts.nginx.map((h) => ({
      name: h.name,
      ip: h.ip,
      namespace: nginx.metadata.namespace,
      labels: podTemplate(nginx)?.metadata?.labels,
    })),
    { name: hosts.dns.name, ip: hosts.dns.ip, ...CLUSTER_DNS },
  ];
}

/**
 * Enforces the rendered overlay's NetworkPolicies in the harness: one
 * nftables table in the network namespace of each pod a policy selects,
 * replaced in one transaction whenever the pods change (the rules name their
 * addresses; `applied` remembers each host's last ruleset, so only the
 * changed ones are loaded again). The root namespace, where the tests and the kubelet's probes
 * run, stands for the node, which the VPC CNI always lets through
 * (`nodeAddresses`); the nodes' own namespaces are host networks, which no
 * policy selects.
 */
export function enforceNetworkPolicies(
  overlay: RenderedOverlay,
  hosts: PodHosts,
  nodeAddresses: readonly string[],
  applied = new Map<string, string>(),
): void {
  requireTool("nft");
  const rulesets = networkPolicyRulesets(overlay.networkPolicies, { hosts: policyHosts(overlay, hosts), nodeAddresses });
  const byName = new Map([...hosts.haproxy, ...hosts.nginx, hosts.dns].map((h) => [h.name, h]));
  for (const [name, ruleset] of rulesets) {
    const host = byName.get(name);
    if (!host) throw new Error(`a NetworkPolicy selects ${name}, which is no host of the harness`);
    if (applied.get(name) === ruleset) continue;
    const replace = `table ${NFT_TABLE}\ndelete table ${NFT_TABLE}\n${ruleset}`;
    run("ip", ["netns", "exec", host.namespace, "nft", "-f", "-"], { input: replace });
    applied.set(name, ruleset);
  }
  for (const name of applied.keys()) if (!rulesets.has(name)) applied.delete(name);
}
