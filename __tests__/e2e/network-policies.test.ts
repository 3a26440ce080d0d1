import type { LocalCluster } from "../../harness/local-cluster";
import { withLocalCluster } from "./helpers";
import { NFT_TABLE } from "../../harness/network-policy-ruleset";
import { captureAsync, runAsync } from "../../lib/run";

let cluster: LocalCluster;

withLocalCluster((started) => (cluster = started));

type Outcome = "connected" | "refused" | "no answer";

/** A TCP connection from a host's network namespace (or the root one, which stands for the node), bounded to 2 s. */
async function connect(from: { namespace: string } | "node", ip: string, port: number): Promise<Outcome> {
  const probe = ["timeout", "2", "bash", "-c", `exec 3<>/dev/tcp/${ip}/${port}`];
  const [command, ...args] = from === "node" ? probe : ["ip", "netns", "exec", from.namespace, ...probe];
  const { status } = await captureAsync(command, args);
  return status === 0 ? "connected" : status === 124 ? "no answer" : "refused";
}

describe("the rendered NetworkPolicies, enforced in the harness", () => {
  it("are loaded in the network namespace of every HAProxy and nginx pod", async () => {
    for (const host of [...cluster.nodes.map((n) => n.pod.run.host), ...cluster.nginx.map((n) => n.host)]) {
      const listed = await runAsync("ip", ["netns", "exec", host.namespace, "nft", "list", "table", ...NFT_TABLE.split(" ")]);
      expect(listed).toContain("policy drop;");
    }
  });

  it("drop nginx's connection to the metadata app beside HAProxy, which its own pod and the node reach", async () => {
    const [node, nginx] = [cluster.nodes[0].pod.run.host, cluster.nginx[0].host];
    const appPort = cluster.inputs.overlay.app.port;
    expect(await connect(node, node.ip, appPort)).toBe("connected");
    expect(await connect("node", node.ip, appPort)).toBe("connected");
    expect(await connect(nginx, node.ip, appPort)).toBe("no answer");
  });

  it("drop one nginx's connection to another, which HAProxy makes", async () => {
    const target = cluster.nginx[1].host;
    const { nginxPort } = cluster.inputs.overlay;
    expect(await connect(cluster.nodes[0].pod.run.host, target.ip, nginxPort)).toBe("connected");
    expect(await connect(cluster.nginx[0].host, target.ip, nginxPort)).toBe("no answer");
  });

  it("drop HAProxy's connection to a port its egress rules do not name", async () => {
    const { ip } = cluster.loadBalancerHost;
    expect(await connect("node", ip, cluster.adminPort)).toBe("connected");
    expect(await connect(cluster.nodes[0].pod.run.host, ip, cluster.adminPort)).toBe("no answer");
  });
});
