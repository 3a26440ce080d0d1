import { execFileSync } from "node:child_process";
import { podTemplate } from "../kubernetes/kubernetes-object";
import { requireTool } from "../lib/require-tool";
import type { LocalCluster } from "./local-cluster";
import { PolicyHost, networkPolicyRulesets } from "./network-policy-ruleset";
import { TestHost } from "./test-network";

/** CoreDNS's namespace and label, which the cluster-DNS policy selects. */
const CLUSTER_DNS = { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } };

/**
 * The harness hosts as the pods they stand for: each node runs the HAProxy
 * pod, each nginx host an nginx pod, the DNS host CoreDNS. The external
 * backend and the load balancer stand-in are outside the cluster.
 */
export function policyHosts(cluster: LocalCluster, dns: TestHost): PolicyHost[] {
  const { daemonSet, nginx } = cluster.inputs.overlay;
  // A node's host network (kube-proxy: its health check node port and, with Cluster, the node ports it forwards
  // to the pods of every node, and what it asks the other nodes about their pods' readiness) shares the namespace
  // of the HAProxy pod it runs, so it is let through.
  const isCluster = cluster.inputs.externalTrafficPolicy === "Cluster";
  const hostPorts = [
    cluster.inputs.healthCheckNodePort,
    ...(isCluster ? [cluster.agentPort, ...cluster.inputs.loadBalancerPorts.map((p) => p.nodePort)] : []),
  ];
  const podPorts = [...new Set(cluster.inputs.loadBalancerPorts.map((p) => p.containerPort))];
  return [
    ...cluster.nodes.map((n) => ({
      name: n.host.name,
      ip: n.host.ip,
      namespace: daemonSet.metadata.namespace,
      labels: podTemplate(daemonSet)?.metadata?.labels,
      hostPorts,
      hostEgress: isCluster
        ? {
            ips: cluster.nodes.filter((o) => o !== n).map((o) => o.host.ip),
            ports: [...podPorts, cluster.inputs.healthCheckNodePort, cluster.agentPort],
          }
        : undefined,
    })),
    ...cluster.nginx.map((n) => ({
      name: n.host.name,
      ip: n.host.ip,
      namespace: nginx.metadata.namespace,
      labels: podTemplate(nginx)?.metadata?.labels,
    })),
    { name: dns.name, ip: dns.ip, ...CLUSTER_DNS },
  ];
}

/**
 * Enforces the rendered overlay's NetworkPolicies in the harness: one
 * nftables table in the network namespace of each host a policy selects. The
 * root namespace, where the tests and the harness's probes run, stands for
 * the node, which the VPC CNI always lets through.
 */
export function enforceNetworkPolicies(cluster: LocalCluster, dns: TestHost): void {
  requireTool("nft");
  const hosts = policyHosts(cluster, dns);
  const rulesets = networkPolicyRulesets(cluster.inputs.overlay.networkPolicies, { hosts, nodeAddresses: [cluster.network.gateway] });
  const testHosts = new Map([...cluster.nodes.map((n) => n.host), ...cluster.nginx.map((n) => n.host), dns].map((h) => [h.name, h]));
  for (const [name, ruleset] of rulesets) {
    const host = testHosts.get(name);
    if (!host) throw new Error(`a NetworkPolicy selects ${name}, which is no host of the harness`);
    execFileSync("ip", ["netns", "exec", host.namespace, "nft", "-f", "-"], { input: ruleset, stdio: ["pipe", "ignore", "pipe"] });
  }
}
