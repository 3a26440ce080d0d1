import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { createServer as createHttpServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import type { NlbHaproxyConfigProps } from "../../harness/nlb/nlb-haproxy-config";
import { nlbHaproxyConfig } from "../../harness/nlb/nlb-haproxy-config";
import type { NlbHealthCheck } from "../../harness/nlb/nlb-health-check";
import { nlbHealthCheck } from "../../harness/nlb/nlb-health-check";
import { checkHaproxyText, haproxyLines } from "../helpers/haproxy-lines";
import { renderedPoc } from "../helpers/rendered";
import { sleep, waitFor } from "../../lib/poll";
import { start } from "../../lib/run";
import { freePort } from "../helpers/free-port";

/** The poc overlay's main LoadBalancer Service (ports http and metadata). */
const pocService = () => new RenderedOverlay(renderedPoc()).mainService;

const TARGETS = [
  { name: "node1", address: "10.0.0.11" },
  { name: "node2", address: "10.0.0.12" },
];
const LISTENERS = [
  { name: "http", port: 80, targetPort: 8080 },
  { name: "metadata", port: 5000, targetPort: 5000 },
];

function props(healthCheck: NlbHealthCheck): NlbHaproxyConfigProps {
  return { address: "10.0.0.2", listeners: LISTENERS, targets: TARGETS, healthCheck, statsPort: 8999, socket: "/run/nlb.sock" };
}

/** `haproxy -c -V -dW` on the pod's HAProxy line and on Debian's: valid on both, and no warning (-dW makes one fatal). */
function expectValid(config: string): void {
  for (const [, haproxy] of haproxyLines()) expect(checkHaproxyText(haproxy, config)).toContain("Configuration file is valid");
}

/** The lines of one `listen` section. */
function section(config: string, name: string): string[] {
  const text = config.split(/^listen /m).find((s) => s.startsWith(`${name}\n`));
  if (text === undefined) throw new Error(`no listen section ${name} in:\n${config}`);
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

describe("nlbHaproxyConfig", () => {
  it("defaults: the rendered Service gives HTTP checks of kube-proxy's port every 7 s, 2/2, AWS's 6 s timeout", () => {
    const config = nlbHaproxyConfig(props(nlbHealthCheck(pocService(), 31000)));
    expectValid(config);
    expect(config).toMatch(/^\s+mode tcp$/m);
    expect(config).toMatch(/^\s+balance roundrobin$/m);
    expect(config).toMatch(/^\s+timeout check 6s$/m);
    expect(config).toMatch(/^\s+timeout connect 6s$/m);
    expect(config).toMatch(/^\s+http-check send meth GET uri \/healthz$/m);
    expect(config).toMatch(/^\s+default-server inter 7s fastinter 7s downinter 7s fall 2 rise 2 on-marked-down shutdown-sessions$/m);
    expect(section(config, "http")).toEqual([
      "http",
      "bind 10.0.0.2:80",
      "server node1 10.0.0.11:8080 source 10.0.0.2:10000-39999 check port 31000",
      "server node1-open 10.0.0.11:8080 source 10.0.0.2:40000-60999 backup",
      "server node2 10.0.0.12:8080 source 10.0.0.2:10000-39999 check port 31000",
      "server node2-open 10.0.0.12:8080 source 10.0.0.2:40000-60999 backup",
    ]);
    expect(section(config, "metadata")).toContain("server node2 10.0.0.12:5000 source 10.0.0.2:10000-39999 check port 31000");
  });

  it("custom: a Cluster Service's TCP check of the traffic port, with annotated interval and thresholds", () => {
    const service = pocService();
    const cluster = {
      ...service,
      metadata: {
        ...service.metadata,
        annotations: {
          "service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval": "30",
          "service.beta.kubernetes.io/aws-load-balancer-healthcheck-unhealthy-threshold": "4",
        },
      },
      spec: { ...service.spec, externalTrafficPolicy: "Cluster" },
    };
    const config = nlbHaproxyConfig(props(nlbHealthCheck(cluster, 31000)));
    expectValid(config);
    expect(config).not.toContain("httpchk");
    expect(config).toMatch(/^\s+timeout check 10s$/m);
    expect(config).toMatch(/inter 30s fastinter 30s downinter 30s fall 4 rise 3 /);
    expect(section(config, "http")).toContain("server node1 10.0.0.11:8080 source 10.0.0.2:10000-39999 check");
  });

  it("fails open: every target also appears as an unchecked backup, and all backups take traffic together", () => {
    const config = nlbHaproxyConfig(props(nlbHealthCheck(pocService(), 31000)));
    expect(config).toMatch(/^\s+option allbackups$/m);
    const servers = section(config, "metadata").filter((l) => l.startsWith("server "));
    expect(servers.filter((l) => l.endsWith(" backup")).map((l) => l.split(" ")[1])).toEqual(["node1-open", "node2-open"]);
    expect(servers.filter((l) => l.includes(" check"))).toHaveLength(2);
  });

  it("takes the Service's port names as they are, a port named stats included", () => {
    const healthCheck = nlbHealthCheck(pocService(), 31000);
    const config = nlbHaproxyConfig({ ...props(healthCheck), listeners: [...LISTENERS, { name: "stats", port: 9000, targetPort: 9000 }] });
    expectValid(config);
    expect(section(config, "stats")).toContain("server node1 10.0.0.11:9000 source 10.0.0.2:10000-39999 check port 31000");
  });

  it("refuses a load balancer without listeners or targets", () => {
    const healthCheck = nlbHealthCheck(pocService(), 31000);
    expect(() => nlbHaproxyConfig({ ...props(healthCheck), targets: [] })).toThrow(
      "an NLB needs at least one listener and one target (got 2 and 0)",
    );
  });
});

describe("the generated load balancer, run on loopback", () => {
  const servers: Server[] = [];
  let haproxy: ReturnType<typeof start> | undefined;
  let dir: string;

  afterEach(() => {
    haproxy?.kill("SIGKILL");
    servers.forEach((s) => s.close());
    servers.length = 0;
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(address: string, port: number, handler: Parameters<typeof createHttpServer>[1]): Promise<void> {
    const server = createHttpServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, address, resolve));
  }

  async function served(url: string, count: number): Promise<string[]> {
    const names: string[] = [];
    for (let i = 0; i < count; i++) names.push(await (await fetch(url, { headers: { connection: "close" } })).text());
    return names;
  }

  it("sends connections in turn to healthy targets only, and to all of them when none is healthy", async () => {
    dir = mkdtempSync(join(tmpdir(), "nlb-run-"));
    const [trafficPort, checkPort, listenPort, statsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const healthy: Record<string, boolean> = { "127.0.0.2": true, "127.0.0.3": true };
    for (const address of Object.keys(healthy)) {
      await serve(address, trafficPort, (_, response) => response.end(address));
      await serve(address, checkPort, (_, response) => response.writeHead(healthy[address] ? 200 : 503).end());
    }
    // A 1 s interval (below AWS's minimum) keeps the test short; the generator takes the check as given.
    const healthCheck: NlbHealthCheck = {
      protocol: "HTTP",
      port: checkPort,
      path: "/healthz",
      intervalSeconds: 1,
      timeoutSeconds: 6,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
    };
    writeFileSync(
      join(dir, "haproxy.cfg"),
      nlbHaproxyConfig({
        address: "127.0.0.1",
        statsPort,
        socket: join(dir, "nlb.sock"),
        healthCheck,
        listeners: [{ name: "http", port: listenPort, targetPort: trafficPort }],
        targets: [
          { name: "node1", address: "127.0.0.2" },
          { name: "node2", address: "127.0.0.3" },
        ],
      }),
    );
    // The pod's line, as the harness runs its load balancer.
    haproxy = start(haproxyLines()[0][1].binary, ["-db", "-f", join(dir, "haproxy.cfg")], { stdio: "ignore" });
    const url = `http://127.0.0.1:${listenPort}/`;
    await waitFor(
      "the load balancer to answer",
      () =>
        fetch(url).then(
          () => true,
          () => false,
        ),
      10_000,
    );

    expect(new Set(await served(url, 6))).toEqual(new Set(["127.0.0.2", "127.0.0.3"]));
    healthy["127.0.0.2"] = false;
    await sleep(3500);
    expect(new Set(await served(url, 6))).toEqual(new Set(["127.0.0.3"]));
    healthy["127.0.0.3"] = false;
    await sleep(3500);
    expect(new Set(await served(url, 6))).toEqual(new Set(["127.0.0.2", "127.0.0.3"]));
  }, 30_000);
});
