import { createMetadataServer } from "./server.mts";
import { appSettings } from "./settings.mts";

/** Entry point in the pod: the settings come from the environment the DaemonSet gives. */
const settings = appSettings(process.env);
const { port, host } = settings;
const server = createMetadataServer(settings);
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
