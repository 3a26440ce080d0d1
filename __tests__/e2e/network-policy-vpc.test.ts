import type { ChildProcess } from "node:child_process";
import { LocalCluster } from "../../harness/local-cluster";
import type { TestHost } from "../../harness/test-network";
import { exceptClusterRanges } from "../../kubernetes/haproxy-egress";
import { renderOverlay } from "../../kubernetes/render-overlay";
import { captureAsync, start } from "../../lib/run";

/**
 * The harness's hosts live in 198.18.0.0/15, outside RFC 1918 as a VPC in 100.64.0.0/10 or a public block would be.
 * Rendered for that VPC, HAProxy's egress rule to any address on port 80 must not reach a pod there whose own
 * policies let it in: a host added to the harness's network, which no policy selects, stands for any such pod. (The
 * nginx and HAProxy pods refuse port 80 by their own ingress rules; the root namespace, no pod's network,
 * is let through as the VPC CNI does.)
 */
const HARNESS_VPC = "198.18.0.0/15";
const PORT = 80;

let cluster: LocalCluster;
let started: LocalCluster | undefined;
beforeAll(async () => {
  started = await LocalCluster.start(exceptClusterRanges(renderOverlay("poc"), HARNESS_VPC));
  cluster = started;
}, 150_000);
afterAll(async () => {
  await started?.stop();
}, 30_000);

/** A TCP connection from a network namespace (or the root one, the node's), bounded to 2 s: true when it connects. */
async function connects(from: TestHost | "node", ip: string, port: number): Promise<boolean> {
  const probe = ["timeout", "2", "bash", "-c", `exec 3<>/dev/tcp/${ip}/${port}`];
  const [command, ...args] = from === "node" ? probe : ["ip", "netns", "exec", from.namespace, ...probe];
  return (await captureAsync(command, args)).status === 0;
}

describe("HAProxy's egress on port 80, rendered for a VPC outside RFC 1918", () => {
  let listener: ChildProcess | undefined;
  afterAll(() => listener?.kill());

  it("does not reach a pod in the VPC that lets anyone in on that port", async () => {
    // Removed with the network when the cluster stops.
    const pod = cluster.network.addHost("open-pod", 40);
    const script = `require("net").createServer((s) => s.end()).listen(${PORT}, "${pod.ip}", () => console.log("ready"))`;
    listener = start("ip", ["netns", "exec", pod.namespace, process.execPath, "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listener on ${pod.ip}:${PORT} within 10 s`)), 10_000);
      listener?.stdout?.once("data", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    expect(await connects("node", pod.ip, PORT)).toBe(true);
    expect(await connects(cluster.nodes[0].pod.run.host, pod.ip, PORT)).toBe(false);
  });
});
