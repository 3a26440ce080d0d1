import { createServer, Server } from "node:http";
import { connect } from "node:net";
import { NodeHealthModel } from "../../harness/kube-proxy/node-health-model";
import { waitFor } from "../../lib/poll";
import { freePort } from "../helpers/free-port";

async function status(url: string): Promise<number> {
  return fetch(url).then(
    (r) => r.status,
    () => 0,
  );
}

function askAgent(port: number, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`${name}\n`));
    let answer = "";
    socket
      .setEncoding("utf8")
      .on("data", (d: string) => (answer += d))
      .on("end", () => resolve(answer))
      .on("error", reject);
  });
}

describe("NodeHealthModel on loopback", () => {
  let pod: Server;
  let model: NodeHealthModel | undefined;
  afterEach(() => {
    model?.stop();
    pod?.close();
  });

  it("answers on the health check port from the pod's readiness, and tells the forwarder which pods are ready", async () => {
    let podHealthy = true;
    pod = createServer((_, response) => response.writeHead(podHealthy ? 200 : 500).end());
    const podPort = await freePort();
    await new Promise<void>((resolve) => pod.listen(podPort, "127.0.0.1", resolve));
    const [healthPort, agentPort] = [await freePort(), await freePort()];
    model = new NodeHealthModel({
      address: "127.0.0.1",
      probe: { path: "/healthz", port: podPort, periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 2 },
      service: { namespace: "ns", name: "svc" },
      healthCheckNodePort: healthPort,
      cluster: { nodes: [{ name: "node1", address: "127.0.0.1" }], thisNode: "node1", agentPort, nodeMonitorGracePeriodSeconds: 40 },
    });
    await model.start();
    const url = `http://127.0.0.1:${healthPort}/healthz`;
    await waitFor("the health check port to answer 200", async () => (await status(url)) === 200, 3000);
    await waitFor("the agent to call node1 up", async () => (await askAgent(agentPort, "node1")) === "up\n", 3000);
    expect(await askAgent(agentPort, "node9")).toBe("down\n");

    podHealthy = false;
    const failedAt = Date.now();
    await waitFor("the health check port to answer 503", async () => (await status(url)) === 503, 4000);
    // Not before failureThreshold probes, one period apart, have failed.
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(900);
    await waitFor("the agent to call node1 down", async () => (await askAgent(agentPort, "node1")) === "down\n", 3000);
  }, 20_000);
});
