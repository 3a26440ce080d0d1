import type { LoadOptions } from "./load";
import { runLoad } from "./load";

/**
 * `load-main.ts <options.json>`: runs the load until its duration ends or a line arrives on stdin; prints `started` once
 * its first request has ended, then the samples on the next line.
 */
const controller = new AbortController();
process.stdin.on("data", () => controller.abort());
process.stdin.on("end", () => controller.abort());
const options = JSON.parse(process.argv[2]) as LoadOptions;
runLoad({ ...options, stop: controller.signal, onFirstAnswer: () => process.stdout.write("started\n") }).then(
  (samples) => process.stdout.write(JSON.stringify(samples), () => process.exit(0)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
