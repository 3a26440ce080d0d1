import { execFileSync } from "node:child_process";
import { findObject } from "../kubernetes/kubernetes-object";
import { requireTool } from "../scripts/lib/require-tool";
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
  const { objects, daemonSet } = cluster.inputs;
  const nginx = findObject(objects, "Deployment", "nginx");
  return [
    // The stand-in checks HAProxy's health port directly, where an NLB checks
    // kube-proxy's health-check node port on the node's host network.
    ...cluster.nodes.map((n) => ({ name: n.host.name, ip: n.host.ip, namespace: daemonSet.metadata.namespace,
      labels: daemonSet.spec.template.metadata.labels, hostPorts: [cluster.inputs.healthPort] })),
    ...cluster.nginx.map((n) => ({ name: n.host.name, ip: n.host.ip, namespace: nginx.metadata.namespace, labels: nginx.spec.template.metadata.labels })),
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
  const rulesets = networkPolicyRulesets(cluster.inputs.objects, { hosts, nodeAddresses: [cluster.network.gateway] });
  const testHosts = new Map([...cluster.nodes.map((n) => n.host), ...cluster.nginx.map((n) => n.host), dns].map((h) => [h.name, h]));
  for (const [name, ruleset] of rulesets) {
    execFileSync("ip", ["netns", "exec", testHosts.get(name)!.namespace, "nft", "-f", "-"], { input: ruleset, stdio: ["pipe", "ignore", "pipe"] });
  }
}
