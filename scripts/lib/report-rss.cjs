// Preloaded by bench-synth.ts: records the process's peak resident set size (KiB) when it exits.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
