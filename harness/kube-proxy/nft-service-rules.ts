import type { Endpoint } from "./endpoints";

/** The nftables table kube-proxy's model owns in a node's network namespace. */
export const KUBE_PROXY_TABLE = "ip kube_proxy_model";

/** One node port and the container port its endpoints listen on. */
export interface NodePortRule {
  readonly nodePort: number;
  readonly targetPort: number;
}

/**
 * The node's nftables ruleset for the Service's node ports, in the shape of
 * kube-proxy's nftables mode (pkg/proxy/nftables/proxier.go): each node port
 * picks one of the usable endpoints at random (`numgen random mod n vmap`,
 * one chain per endpoint that DNATs to it), or drops the connection when there
 * is none, as kube-proxy does for external traffic with no local endpoints.
 * The table is deleted and re-created in one transaction, and conntrack keeps
 * established connections on the endpoint they started with.
 *
 * Unlike kube-proxy with Local, the model masquerades what it forwards: the
 * pods sit on the harness bridge beside the load balancer, so without it their
 * replies would bypass the node (on EKS the VPC CNI routes a pod's traffic
 * through its node).
 */
export function nftServiceRules(nodeAddress: string, ports: readonly NodePortRule[], endpoints: readonly Endpoint[]): string {
  const lines = [`table ${KUBE_PROXY_TABLE}`, `delete table ${KUBE_PROXY_TABLE}`, `table ${KUBE_PROXY_TABLE} {`];
  endpoints.forEach((endpoint, i) => {
    for (const port of ports) {
      lines.push(`  chain endpoint-${i}-${port.nodePort} {`, `    meta l4proto tcp dnat to ${endpoint.address}:${port.targetPort}`, "  }");
    }
  });
  lines.push("  chain prerouting {", "    type nat hook prerouting priority dstnat; policy accept;");
  for (const port of ports) {
    if (endpoints.length === 0) continue;
    const match = `ip daddr ${nodeAddress} tcp dport ${port.nodePort}`;
    const choices = endpoints.map((_, i) => `${i} : goto endpoint-${i}-${port.nodePort}`).join(", ");
    lines.push(`    ${match} numgen random mod ${endpoints.length} vmap { ${choices} }`);
  }
  lines.push("  }", "  chain filter-input {", "    type filter hook input priority filter; policy accept;");
  // Nothing listens on the node ports in the node's namespace: without endpoints, drop rather than refuse.
  for (const port of ports) {
    if (endpoints.length === 0) lines.push(`    ip daddr ${nodeAddress} tcp dport ${port.nodePort} drop`);
  }
  lines.push(
    "  }",
    "  chain postrouting {",
    "    type nat hook postrouting priority srcnat; policy accept;",
    "    ct status dnat masquerade",
    "  }",
    "}",
  );
  return lines.join("\n") + "\n";
}
