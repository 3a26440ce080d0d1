import { enforceNetworkPolicies } from "../../e2e/network-policies";
import type { LocalCluster } from "../../e2e/local-cluster";

describe("enforceNetworkPolicies", () => {
  it("says in one line to install nftables when nft is missing, before touching the cluster", () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      expect(() => enforceNetworkPolicies({} as LocalCluster, { name: "dns", namespace: "x", ip: "198.18.0.53" }))
        .toThrow(/^nft not found on PATH: install nftables \(Debian\/Ubuntu: apt-get install nftables\)$/);
    } finally {
      process.env.PATH = path;
    }
  });
});
