/**
 * Wall time and peak RSS of the CDKTF app (the command cdktf.json gives the
 * cdktf CLI), synthesizing every stack, over several runs after one warm-up.
 * Usage: npm run bench:synth [-- --runs N]
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appEnvironment, readCdktfJson } from "./lib/app-command";
import { PROJECT_ROOT } from "../lib/project-root";
import { capture } from "../lib/run";
import { numberIn, readCommandLine } from "./lib/cli-options";

const USAGE = "usage: npm run bench:synth [-- --runs N]: times the app's synthesis N times (1 to 50, default 7) after one warm-up";

const { runs } = readCommandLine(
  { name: "bench:synth", command: "npm run bench:synth", usage: USAGE, options: { runs: { type: "string", default: "7" } } },
  ({ values }) => ({ runs: numberIn("runs", values.runs, 1, 50, true) }),
);
const [command, ...args] = readCdktfJson().app.split(" ");
const preload = join(__dirname, "lib", "report-rss.cjs");
const azs = { EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" };

function once(): { seconds: number; rssMiB: number; stacks: string[] } {
  const outdir = mkdtempSync(join(tmpdir(), "bench-synth-"));
  const rssFile = join(outdir, "rss");
  const started = process.hrtime.bigint();
  const result = capture(command, ["--require", preload, ...args], {
    cwd: PROJECT_ROOT,
    env: appEnvironment(outdir, { ...azs, BENCH_RSS_FILE: rssFile }),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr}`);
  const measured = { seconds, rssMiB: Number(readFileSync(rssFile, "utf8")) / 1024, stacks: readdirSync(join(outdir, "stacks")) };
  rmSync(outdir, { recursive: true, force: true });
  return measured;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

once();
const samples = Array.from({ length: runs }, once);
const times = samples.map((s) => s.seconds);
const rss = samples.map((s) => s.rssMiB);
console.log(`app synth (${samples[0].stacks.join(" + ")}), ${runs} runs after 1 warm-up`);
console.log(
  `  wall time  median ${median(times).toFixed(2)} s   min ${Math.min(...times).toFixed(2)} s   max ${Math.max(...times).toFixed(2)} s`,
);
console.log(`  peak RSS   median ${median(rss).toFixed(0)} MiB   max ${Math.max(...rss).toFixed(0)} MiB`);
