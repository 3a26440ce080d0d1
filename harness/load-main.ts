import type { LoadOptions } from "./load";
import { runLoad } from "./load";

/** `load-main.ts <options.json>`: runs the load until its duration ends or a line arrives on stdin, then prints the samples. */
const controller = new AbortController();
process.stdin.on("data", () => controller.abort());
process.stdin.on("end", () => controller.abort());
runLoad({ ...(JSON.parse(process.argv[2]) as LoadOptions), stop: controller.signal }).then(
  (samples) => process.stdout.write(JSON.stringify(samples), () => process.exit(0)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
