import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as rendering from "../../manifests/metadata-app/render.mts";
import { createMetadataServer } from "../../manifests/metadata-app/server.mts";
import type { MetadataServerOptions } from "../../manifests/metadata-app/server.mts";
import type { FakeImds } from "../../harness/fake-imds";
import { EXAMPLE_INSTANCE, startFakeImds } from "../../harness/fake-imds";
import { sleep } from "../../lib/poll";

// The server in the test's own process, where mutation testing sees what each test reaches (server.test.ts runs the
// pod's command, a child process it cannot see into). Loopback only, on ports the kernel picks.
describe("createMetadataServer", () => {
  let imds: FakeImds;
  let servers: Server[];
  let url: string;

  const start = async (options: Partial<MetadataServerOptions> = {}): Promise<string> => {
    // A timeout well above what a loaded machine takes, but for the test of the timeout itself.
    const server = createMetadataServer({ imdsEndpoint: imds.url, imdsTimeoutMs: 10_000, ...options });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeEach(async () => {
    servers = [];
    imds = await startFakeImds(EXAMPLE_INSTANCE);
    url = await start({ podName: "haproxy-abc12", nodeName: "ip-10-0-0-17.ec2.internal" });
  });
  afterEach(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await imds.close();
  });

  it("answers the first request with the report, not an empty body", async () => {
    const response = await fetch(url + "/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ...EXAMPLE_INSTANCE, podName: "haproxy-abc12", nodeName: "ip-10-0-0-17.ec2.internal" });
  });

  it("answers from memory the same bytes as the first time, in each format asked", async () => {
    const get = async (accept: string) => {
      const response = await fetch(url + "/", { headers: { accept } });
      return [response.status, response.headers.get("content-type"), await response.text()];
    };
    const json = await get("application/json");
    // A format not asked yet, once the metadata is known: rendered, not an empty answer.
    const text = await get("text/plain");
    expect(text).toEqual([200, "text/plain; charset=utf-8", expect.stringContaining("REGION = us-east-1\n")]);
    expect(await get("text/plain")).toEqual(text);
    expect(await get("application/json")).toEqual(json);
    expect(imds.counts.metadata).toBe(Object.keys(EXAMPLE_INSTANCE).length);
  });

  it("renders each format once, then writes the bytes it rendered", async () => {
    const render = jest.spyOn(rendering, "render");
    try {
      for (let i = 0; i < 3; i++) {
        await (await fetch(url + "/")).text();
        await (await fetch(url + "/", { headers: { accept: "text/html" } })).text();
      }
      expect(render.mock.calls.map(([, format]) => format)).toEqual(["json", "html"]);
    } finally {
      render.mockRestore();
    }
  });

  it("ignores a query string", async () => {
    expect((await fetch(url + "/?x=1")).status).toBe(200);
    expect(await (await fetch(url + "/healthz?probe=1")).text()).toBe("ok\n");
  });

  it("names the pod and node unknown when the Downward API gave none", async () => {
    const bare = await start();
    expect(await (await fetch(bare + "/")).json()).toMatchObject({ podName: "unknown", nodeName: "unknown" });
  });

  it("answers 503 with a JSON error when IMDS answers an error, never the error as data", async () => {
    imds.failWith(500);
    const response = await fetch(url + "/");
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = await response.text();
    expect(body.endsWith("}\n")).toBe(true);
    expect(JSON.parse(body)).toEqual({
      error: "instance metadata unavailable",
      reason: "the metadata service refused a session token (HTTP 500)",
      hint: expect.stringContaining("IMDS hop limit is 2 or more (setting imdsHopLimit)"),
    });
  });

  it("answers 200 again once IMDS is back, however long after the failure the next request comes", async () => {
    imds.failWith(500);
    expect((await fetch(url + "/")).status).toBe(503);
    imds.failWith(undefined);
    // No request while the failure is kept (2 s, instance-metadata.mts): the next one comes after it lapsed, and must
    // read IMDS again rather than answer the old failure for good.
    await sleep(2500);
    expect((await fetch(url + "/")).status).toBe(200);
  });

  it("gives IMDS the timeout it was given", async () => {
    const impatient = await start({ imdsTimeoutMs: 300 });
    imds.blackHole();
    const response = await fetch(impatient + "/");
    expect(((await response.json()) as { reason: string }).reason).toContain("no answer within 300 ms");
  });

  it("answers /healthz whatever IMDS does, and 404 elsewhere with the routes it has", async () => {
    imds.failWith(500);
    const health = await fetch(url + "/healthz");
    expect([health.status, health.headers.get("content-type"), await health.text()]).toEqual([200, "text/plain; charset=utf-8", "ok\n"]);
    const missing = await fetch(url + "/nope");
    expect([missing.status, missing.headers.get("content-type")]).toEqual([404, "application/json; charset=utf-8"]);
    expect(await missing.text()).toBe(JSON.stringify({ error: "not found", routes: ["/", "/healthz"] }) + "\n");
  });

  it("answers HEAD as GET, and 405 to other methods", async () => {
    const head = await fetch(url + "/", { method: "HEAD" });
    expect([head.status, head.headers.get("content-type")]).toEqual([200, "application/json; charset=utf-8"]);
    const post = await fetch(url + "/", { method: "POST" });
    expect([post.status, post.headers.get("allow"), post.headers.get("content-type")]).toEqual([
      405,
      "GET, HEAD",
      "application/json; charset=utf-8",
    ]);
    expect(await post.text()).toBe(JSON.stringify({ error: "method not allowed" }) + "\n");
  });
});
