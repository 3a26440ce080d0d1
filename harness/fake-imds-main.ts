import type { FakeInstance } from "./fake-imds";
import { startFakeImds } from "./fake-imds";

/** `fake-imds-main.ts <host> <port> <instance JSON>`: one node's metadata service. */
const [host, port, instance] = process.argv.slice(2);
startFakeImds(JSON.parse(instance) as FakeInstance, Number(port), host).then(
  (imds) => {
    console.log(JSON.stringify({ event: "listening", url: imds.url }));
    process.on("SIGTERM", () => void imds.close().then(() => process.exit(0)));
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
