import { createMetadataServer } from "./server.mts";

/** Entry point in the pod: settings from the environment the DaemonSet gives. */
const port = Number(process.env.PORT ?? "8081");
const host = process.env.HOST ?? "0.0.0.0";
const server = createMetadataServer({
  imdsEndpoint: process.env.IMDS_ENDPOINT ?? "http://169.254.169.254",
  imdsTimeoutMs: Number(process.env.IMDS_TIMEOUT_MS ?? "1000"),
  podName: process.env.POD_NAME,
  nodeName: process.env.NODE_NAME,
});
server.keepAliveTimeout = 65_000;
server.listen(port, host, () => {
  console.log(JSON.stringify({ msg: "metadata app listening", host, port }));
});

// Kubernetes sends SIGTERM before it stops the pod: finish what is in flight, then exit.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
