import type { IncomingHttpHeaders } from "node:http";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { EksMissingApis } from "./eks-missing-apis";
import { MotoCorrections } from "./moto-corrections";
import { accountContents, leftovers } from "./moto-leftovers";

/** A running front: the one endpoint URL for every AWS service, and how to stop it. */
export interface MotoFront {
  readonly url: string;
  readonly missing: EksMissingApis;
  stop(): Promise<void>;
}

/** What the emulated account holds beyond `before`: moto's resources and those only the front keeps (add-ons and the like). */
export async function leftBehind(front: MotoFront, motoUrl: string, before: ReadonlySet<string>): Promise<string[]> {
  return [...leftovers(before, await accountContents(motoUrl)), ...front.missing.contents()];
}

/** The service a SigV4 request is signed for: the credential scope's fourth part (`AKID/date/region/service/aws4_request`). */
export function signedService(headers: IncomingHttpHeaders): string {
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(headers.authorization ?? "")?.[1] ?? "";
}

const readBody = (stream: NodeJS.ReadableStream): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });

/**
 * A loopback HTTP server in front of moto_server: the EKS APIs moto lacks are
 * answered here (EksMissingApis), the rest goes to moto, with the requests and
 * answers moto gets wrong put right (MotoCorrections). Each upstream call is
 * bounded by `timeoutMs` (generous: moto builds a service's backend on its first call).
 */
export async function startMotoFront(
  motoUrl: string,
  account = "123456789012",
  region = "us-east-1",
  timeoutMs = 180_000,
): Promise<MotoFront> {
  const corrections = new MotoCorrections();
  const missing = new EksMissingApis(region, account, (name) => corrections.clusters.has(name));
  const upstream = new URL(motoUrl);
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const service = signedService(req.headers);
      const path = req.url ?? "/";
      const [pathname, query = ""] = path.split("?");
      if (service === "eks") {
        const answer = missing.handle(
          req.method ?? "GET",
          pathname,
          new URLSearchParams(query),
          body ? (JSON.parse(body) as Record<string, any>) : {},
        );
        if (answer) {
          res.writeHead(answer.status, {
            "Content-Type": "application/json",
            ...(answer.errorType ? { "X-Amzn-ErrorType": answer.errorType } : {}),
          });
          res.end(JSON.stringify(answer.body));
          return;
        }
      }
      const request = { service, method: req.method ?? "GET", path, body };
      const sent = corrections.request(request);
      const headers = { ...req.headers, "content-length": String(Buffer.byteLength(sent)) };
      delete headers["accept-encoding"];
      const upstreamReq = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path, headers, timeout: timeoutMs, agent: false },
        (upstreamRes) => {
          void readBody(upstreamRes).then((answer) => {
            const status = upstreamRes.statusCode ?? 502;
            if (service === "eks" && req.method === "DELETE" && /^\/clusters\/[^/]+$/.test(pathname) && status < 300) {
              missing.forgetCluster(decodeURIComponent(pathname.split("/")[2]));
            }
            const corrected = corrections.response(request, status, answer);
            const outHeaders = { ...upstreamRes.headers, "content-length": String(Buffer.byteLength(corrected)) };
            delete outHeaders["transfer-encoding"];
            res.writeHead(status, outHeaders);
            res.end(corrected);
          });
        },
      );
      upstreamReq.on("timeout", () => upstreamReq.destroy(new Error(`moto gave no answer within ${timeoutMs} ms`)));
      upstreamReq.on("error", (error) => {
        res.writeHead(502, { "Content-Type": "text/plain" });
        res.end(`moto front: ${error.message}`);
      });
      upstreamReq.end(sent);
    })().catch((error: Error) => {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`moto front: ${error.message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    missing,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
