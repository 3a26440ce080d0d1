import { readFileSync } from "node:fs";
import { LoadBalancer } from "./load-balancer";

/** Runs the load balancer stand-in from a JSON config file: `load-balancer-main.ts <config.json>`. */
const balancer = new LoadBalancer(JSON.parse(readFileSync(process.argv[2], "utf8")));
balancer.start().then(() => console.log(JSON.stringify({ event: "listening" })), (error) => {
  console.error(error);
  process.exit(1);
});
process.on("SIGTERM", () => {
  balancer.stop();
  process.exit(0);
});
