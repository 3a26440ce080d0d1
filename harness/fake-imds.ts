import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { InstanceMetadata } from "../manifests/metadata-app/instance-metadata.mts";

/** The instance a fake metadata service describes: the same fields the app reports. */
export type FakeInstance = InstanceMetadata;

export interface FakeImds {
  readonly url: string;
  /** Requests seen, by kind. */
  readonly counts: { tokens: number; metadata: number; rejected: number };
  /** Invalidates every token handed out so far. */
  revokeTokens(): void;
  /** Holds every further request unanswered (a black hole, as with hop limit 1). */
  blackHole(): void;
  /** Answers every further request with this status and a body that is no metadata; `undefined` ends that. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

/**
 * An instance metadata service that behaves like EC2's with IMDSv2 required:
 * a PUT with a TTL header for a token, 401 for any GET without a valid one,
 * tokens that expire, and no token for a request that was forwarded.
 */
export function startFakeImds(instance: FakeInstance, port = 0, host = "127.0.0.1"): Promise<FakeImds> {
  const tokens = new Map<string, number>();
  const counts = { tokens: 0, metadata: 0, rejected: 0 };
  let swallow = false;
  let failure: number | undefined;
  const paths: Record<string, string> = {
    "/latest/meta-data/placement/region": instance.region,
    "/latest/meta-data/placement/availability-zone": instance.availabilityZone,
    "/latest/meta-data/placement/availability-zone-id": instance.availabilityZoneId,
    "/latest/meta-data/instance-id": instance.instanceId,
    "/latest/meta-data/instance-type": instance.instanceType,
    "/latest/meta-data/local-ipv4": instance.privateIp,
  };

  const reply = (response: ServerResponse, status: number, body = ""): void => {
    if (status >= 400) counts.rejected += 1;
    response.writeHead(status, { "content-type": "text/plain" });
    response.end(body);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    if (swallow) return;
    if (failure !== undefined) return reply(response, failure, `fake IMDS failure ${failure}`);
    if (request.method === "PUT" && request.url === "/latest/api/token") {
      const ttl = Number(request.headers["x-aws-ec2-metadata-token-ttl-seconds"]);
      if (request.headers["x-forwarded-for"] !== undefined) return reply(response, 403);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return reply(response, 400);
      const token = randomBytes(24).toString("base64url");
      tokens.set(token, Date.now() + ttl * 1000);
      counts.tokens += 1;
      return reply(response, 200, token);
    }
    if (request.method !== "GET") return reply(response, 405);
    const token = request.headers["x-aws-ec2-metadata-token"];
    const expires = typeof token === "string" ? tokens.get(token) : undefined;
    if (expires === undefined || expires < Date.now()) return reply(response, 401);
    const value = paths[request.url ?? ""];
    if (value === undefined) return reply(response, 404);
    counts.metadata += 1;
    reply(response, 200, value);
  };

  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      if (address === null || typeof address === "string") return reject(new Error(`the fake IMDS listens on no TCP port: ${address}`));
      resolve({
        url: `http://${host}:${address.port}`,
        counts,
        revokeTokens: () => tokens.clear(),
        blackHole: () => {
          swallow = true;
        },
        failWith: (status) => {
          failure = status;
        },
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export const EXAMPLE_INSTANCE: FakeInstance = {
  region: "us-east-1",
  availabilityZone: "us-east-1a",
  availabilityZoneId: "use1-az4",
  instanceId: "i-0123456789abcdef0",
  instanceType: "t3.medium",
  privateIp: "10.0.0.17",
};
