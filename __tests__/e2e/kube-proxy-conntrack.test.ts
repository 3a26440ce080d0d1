import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import type { Endpoint } from "../../harness/kube-proxy/endpoints";
import type { KubeProxyModelConfig } from "../../harness/kube-proxy/kube-proxy-model";
import { TestNetwork } from "../../harness/test-network";
import type { TestHost } from "../../harness/test-network";
import { sleep, waitFor } from "../../lib/poll";
import { start } from "../../lib/run";

const NODE_PORT = 30080;
const TARGET_PORT = 8080;
const CONTROL_PORT = 10299;
const SOURCE_PORT = 40123;

/** A pod's server: `reset` resets each connection it accepts (a dying HAProxy), `answer` writes its name and closes. */
function podServer(host: TestHost, behaviour: "reset" | "answer"): ChildProcess {
  const onConnection = behaviour === "reset" ? "(s) => s.resetAndDestroy()" : `(s) => s.end(${JSON.stringify(host.name)})`;
  const script = `require("node:net").createServer(${onConnection}).listen(${TARGET_PORT}, ${JSON.stringify(host.ip)})`;
  return start("ip", ["netns", "exec", host.namespace, process.execPath, "-e", script], { stdio: "ignore" });
}

/** Connects from the fixed source port and resolves with what the server wrote, or the error's code. */
function fromSourcePort(network: TestNetwork, node: TestHost): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: node.ip, port: NODE_PORT, localAddress: network.gateway, localPort: SOURCE_PORT, timeout: 3000 });
    let data = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => (data += chunk));
    socket.on("end", () => resolve(data));
    socket.on("timeout", () => socket.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function endpoint(host: TestHost, node: TestHost): Endpoint {
  return { address: host.ip, nodeName: node.name, ready: true, serving: true, terminating: false };
}

describe("kube-proxy's model and conntrack", () => {
  // The load balancer stand-in is one address for all clients, and the kernel's port choice reused a source port
  // seconds after a connection ended (it now draws ports first in, first out). When a pod dies, its connections end with a reset, and the kernel keeps such a connection's entry, DNAT
  // included, in CLOSE for nf_conntrack_tcp_timeout_close (10 s): a new SYN from the same port went to the dead pod,
  // after kube-proxy had dropped it. A CI run lost a request that way (cluster-traffic-policy, HAProxy dies).
  it("sends a new connection from a reused source port to the current endpoint, not to the pod that reset the last one", async () => {
    const network = new TestNetwork();
    const dir = mkdtempSync(join(tmpdir(), "kube-proxy-conntrack-"));
    const children: ChildProcess[] = [];
    try {
      const node = network.addHost("node", 2);
      const dying = network.addHost("dying", 3);
      const next = network.addHost("next", 4);
      const config: KubeProxyModelConfig = {
        nodeName: node.name,
        address: node.ip,
        service: { namespace: "test", name: "test" },
        externalTrafficPolicy: "Cluster",
        healthCheckNodePort: 32000,
        ports: [{ nodePort: NODE_PORT, targetPort: TARGET_PORT }],
        controlPort: CONTROL_PORT,
      };
      writeFileSync(join(dir, "config.json"), JSON.stringify(config));
      const proxyArgs = [
        "netns",
        "exec",
        node.namespace,
        process.execPath,
        "--import",
        "tsx",
        "harness/kube-proxy-main.ts",
        join(dir, "config.json"),
      ];
      children.push(start("ip", proxyArgs, { stdio: "ignore" }));
      const put = (endpoints: Endpoint[]) =>
        fetch(`http://${node.ip}:${CONTROL_PORT}/endpoints`, { method: "PUT", body: JSON.stringify(endpoints) }).then(
          (r) => r.ok,
          () => false,
        );
      await waitFor("kube-proxy's model to take endpoints", () => put([endpoint(dying, node)]), 20_000, 200);
      const dyingServer = podServer(dying, "reset");
      children.push(dyingServer, podServer(next, "answer"));
      await waitFor("the dying pod to reset a connection", async () => (await fromSourcePort(network, node)) === "ECONNRESET", 10_000, 200);

      // The pod is gone and its endpoint with it; the same source port connects again once the CLOSE entry is over.
      dyingServer.kill("SIGKILL");
      expect(await put([endpoint(next, node)])).toBe(true);
      await sleep(1500);
      expect(await fromSourcePort(network, node)).toBe("next");
    } finally {
      children.forEach((c) => c.kill("SIGKILL"));
      network.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
