import { readFileSync } from "node:fs";
import { NodeHealthModel, NodeHealthModelConfig } from "./kube-proxy/node-health-model";

/** Runs one node's kubelet-readiness and kube-proxy health check model: `kube-proxy-main.ts <config.json>`. */
const model = new NodeHealthModel(JSON.parse(readFileSync(process.argv[2], "utf8")) as NodeHealthModelConfig);
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
