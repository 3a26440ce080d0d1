import { AddressInfo } from "node:net";
import { Server } from "node:http";
import { createMetadataServer } from "../../manifests/metadata-app/server.mts";
import { EXAMPLE_INSTANCE, FakeImds, startFakeImds } from "../../e2e/fake-imds";

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the metadata app", () => {
  let imds: FakeImds;
  let server: Server;
  let url: string;

  beforeEach(async () => {
    imds = await startFakeImds(EXAMPLE_INSTANCE);
    server = createMetadataServer({ imdsEndpoint: imds.url, imdsTimeoutMs: 300, podName: "haproxy-abc12", nodeName: "ip-10-0-0-17.ec2.internal" });
    url = await listen(server);
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await imds.close();
  });

  it("answers JSON by default with the node's metadata and the pod's names", async () => {
    const response = await fetch(url + "/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await response.json()).toEqual({ ...EXAMPLE_INSTANCE, podName: "haproxy-abc12", nodeName: "ip-10-0-0-17.ec2.internal" });
  });

  it("answers the seed's plain text for Accept: text/plain", async () => {
    const text = await (await fetch(url + "/", { headers: { accept: "text/plain" } })).text();
    expect(text.split("\n").slice(0, 2)).toEqual(["REGION = us-east-1", "AZ = us-east-1a"]);
  });

  it("answers a small HTML page for browsers", async () => {
    const response = await fetch(url + "/", { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain("<h1>Served from us-east-1a</h1>");
  });

  it("reads the metadata once and serves it from memory after that", async () => {
    for (let i = 0; i < 20; i++) await (await fetch(url + "/")).text();
    expect(imds.counts.tokens).toBe(1);
    expect(imds.counts.metadata).toBe(6);
  });

  it("answers 503 with a JSON error and a hint when IMDS is unreachable, and stays up", async () => {
    await imds.close();
    const response = await fetch(url + "/");
    expect(response.status).toBe(503);
    const body = (await response.json()) as { reason: string; hint: string };
    expect(body).toMatchObject({ error: "instance metadata unavailable", reason: expect.stringContaining("ECONNREFUSED") });
    expect(body.hint).toContain("hop limit");
    expect((await fetch(url + "/healthz")).status).toBe(200);
  });

  it("answers 503 within its timeout when IMDS swallows requests (hop limit 1)", async () => {
    imds.blackHole();
    const response = await fetch(url + "/");
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reason: string }).reason).toContain("no answer within 300 ms");
  });

  it("answers /healthz, and 404 and 405 elsewhere", async () => {
    expect(await (await fetch(url + "/healthz")).text()).toBe("ok\n");
    expect((await fetch(url + "/nope")).status).toBe(404);
    const post = await fetch(url + "/", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});
