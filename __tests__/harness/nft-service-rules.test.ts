import { endpointOf } from "../../harness/kube-proxy/endpoints";
import { KUBE_PROXY_TABLE, nftServiceRules } from "../../harness/kube-proxy/nft-service-rules";

const PORTS = [
  { nodePort: 30000, targetPort: 8080 },
  { nodePort: 30001, targetPort: 5000 },
];
const endpoint = (address: string) => endpointOf({ address, nodeName: "n1", ready: true, terminating: false });

describe("nftServiceRules", () => {
  it("replaces the table in one transaction and picks an endpoint at random per node port", () => {
    const rules = nftServiceRules("198.18.0.11", PORTS, [endpoint("198.18.0.100"), endpoint("198.18.0.101")]);
    expect(rules.split("\n").slice(0, 3)).toEqual([
      `table ${KUBE_PROXY_TABLE}`,
      `delete table ${KUBE_PROXY_TABLE}`,
      `table ${KUBE_PROXY_TABLE} {`,
    ]);
    expect(rules).toContain(
      "ip daddr 198.18.0.11 tcp dport 30000 numgen random mod 2 vmap { 0 : goto endpoint-0-30000, 1 : goto endpoint-1-30000 }",
    );
    expect(rules).toContain("meta l4proto tcp dnat to 198.18.0.101:5000");
    expect(rules).toContain("ct status dnat masquerade");
    expect(rules).not.toContain(" drop");
  });

  it("drops the node ports' connections when no endpoint is usable", () => {
    const rules = nftServiceRules("198.18.0.11", PORTS, []);
    expect(rules).not.toContain("dnat to");
    expect(rules).toContain("ip daddr 198.18.0.11 tcp dport 30000 drop");
    expect(rules).toContain("ip daddr 198.18.0.11 tcp dport 30001 drop");
  });
});
