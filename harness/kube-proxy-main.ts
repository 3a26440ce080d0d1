import { readFileSync } from "node:fs";
import type { KubeProxyModelConfig } from "./kube-proxy/kube-proxy-model";
import { KubeProxyModel } from "./kube-proxy/kube-proxy-model";

/** Runs kube-proxy's model on one node (in its network namespace): `kube-proxy-main.ts <config.json>`. */
const model = new KubeProxyModel(JSON.parse(readFileSync(process.argv[2], "utf8")) as KubeProxyModelConfig);
model.start().then(
  () => console.log(JSON.stringify({ event: "listening" })),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
process.on("SIGTERM", () => {
  model.stop();
  process.exit(0);
});
