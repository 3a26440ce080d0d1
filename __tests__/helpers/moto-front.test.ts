import type { IncomingHttpHeaders, Server } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { MotoFront } from "./moto-front";
import { signedService, startMotoFront } from "./moto-front";

const signed = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

/** A stand-in for moto that records what reached it and answers with `answer`. */
function upstream(
  answer: (path: string, body: string) => string,
): Promise<{ server: Server; url: string; seen: { path: string; body: string; headers: IncomingHttpHeaders }[] }> {
  const seen: { path: string; body: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({ path: req.url ?? "", body, headers: req.headers });
      res.end(answer(req.url ?? "", body));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })),
  );
}

describe("the front in front of moto", () => {
  let moto: Awaited<ReturnType<typeof upstream>>;
  let front: MotoFront;
  beforeAll(async () => {
    moto = await upstream((path) => (path === "/clusters" ? JSON.stringify({ cluster: { name: "c", status: "ACTIVE" } }) : "<Response/>"));
    front = await startMotoFront(moto.url);
  });
  afterAll(async () => {
    await front?.stop();
    moto?.server.close();
  });

  it("reads the service from the signature's credential scope", () => {
    expect(signedService({ authorization: signed("eks") })).toBe("eks");
    expect(signedService({})).toBe("");
  });

  it("answers the EKS APIs moto lacks itself, with the error type in the header the SDKs read", async () => {
    const response = await fetch(`${front.url}/clusters/c/addons/coredns`, { headers: { Authorization: signed("eks") } });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
    expect(moto.seen).toEqual([]);
  });

  it("passes the rest to moto, corrected, and learns of the clusters created there", async () => {
    const created = await fetch(`${front.url}/clusters`, {
      method: "POST",
      headers: { Authorization: signed("eks"), "Content-Type": "application/json" },
      body: JSON.stringify({ name: "c", accessConfig: { authenticationMode: "API" } }),
    });
    expect(((await created.json()) as any).cluster.accessConfig).toEqual({ authenticationMode: "API" });
    const flowLog = "Action=CreateFlowLogs&LogDestinationType=s3&LogDestination=arn%3Aaws%3As3%3A%3A%3Abucket%2Ffolder";
    await fetch(`${front.url}/`, {
      method: "POST",
      headers: { Authorization: signed("ec2"), "Content-Type": "application/x-www-form-urlencoded" },
      body: flowLog,
    });
    const sent = moto.seen[moto.seen.length - 1];
    expect(new URLSearchParams(sent.body).get("LogDestination")).toBe("arn:aws:s3:::bucket");
    expect(sent.headers["content-length"]).toBe(String(Buffer.byteLength(sent.body)));
    const addon = await fetch(`${front.url}/clusters/c/addons`, {
      method: "POST",
      headers: { Authorization: signed("eks"), "Content-Type": "application/json" },
      body: JSON.stringify({ addonName: "coredns" }),
    });
    expect(addon.status).toBe(200);
  });
});
