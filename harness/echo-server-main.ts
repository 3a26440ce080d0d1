import { createServer } from "node:http";

/**
 * `echo-server-main.ts <host> <port>`: the stand-in for the backend outside
 * the cluster. It answers with the path and Host header it received, so a test
 * can tell what HAProxy's external route rewrote.
 */
const [host, port] = process.argv.slice(2);
const server = createServer((request, response) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ backend: "external", path: request.url, host: request.headers.host }) + "\n");
});
server.listen(Number(port), host, () => console.log(JSON.stringify({ event: "listening" })));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
