import { PROJECT_ROOT } from "../../lib/project-root";
import { numberIn, parseOptions, UsageError } from "../../scripts/lib/cli-options";
import { capture } from "../../lib/run";

describe("numberIn", () => {
  it("takes numbers in range", () => {
    expect(numberIn("timeout", "30", 1, 60)).toBe(30);
    expect(numberIn("interval", "0.5", 0.1, 60)).toBe(0.5);
  });

  it.each([["banana"], [""], [" "], ["NaN"], ["Infinity"], ["0"], ["61"], ["1.5"]])("refuses %j naming the option and the range", (raw) => {
    expect(() => numberIn("runs", raw, 1, 60, true)).toThrow(
      new UsageError(`--runs ${JSON.stringify(raw)}: expected a whole number from 1 to 60`),
    );
  });
});

describe("parseOptions", () => {
  it("adds --help and cuts node's error to one sentence pointing at --help", () => {
    expect(parseOptions("npm run x", ["-h"], {}).help).toBe(true);
    expect(() => parseOptions("npm run x", ["--nope"], {})).toThrow(new UsageError("Unknown option '--nope' (npm run x -- --help)"));
  });
});

describe("every script's command line", () => {
  const scripts: Array<[string, string]> = [
    ["start", "scripts/start.ts"],
    ["synth", "scripts/synth.ts"],
    ["plan", "scripts/plan.ts"],
    ["verify", "scripts/verify.ts"],
    ["bench", "scripts/bench.ts"],
    ["bench:synth", "scripts/bench-synth.ts"],
    ["bench:deploy-path", "scripts/bench-deploy-path.ts"],
    ["deploy", "scripts/deploy.ts"],
    ["destroy", "scripts/destroy.ts"],
    ["install-test-tools", "scripts/install-test-tools.ts"],
  ];
  const run = (file: string, ...args: string[]) =>
    capture(process.execPath, ["--import", "tsx", file, ...args], { cwd: PROJECT_ROOT, timeoutMs: 30_000 });

  it.each(scripts)("%s answers --help with its usage and exit 0", (_, file) => {
    const result = run(file, "--help");
    expect(result.stdout).toMatch(/^usage: /);
    expect(result.status).toBe(0);
  });

  it("deploy's usage names --cluster-only, the cluster stack alone", () => {
    expect(run("scripts/deploy.ts", "--help").stdout).toMatch(/\[--cluster-only\].*--cluster-only: the cluster stack alone/);
  });

  it.each(scripts)("%s refuses an unknown option in one line with exit 2", (_, file) => {
    const result = run(file, "--no-such-option");
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/no-such-option/);
  });

  // Exit 2 and nothing on stdout: refused before the preflight (which prints "as <identity>" or fails with exit 1) and before synth.
  it.each([
    [
      "destroy",
      "scripts/destroy.ts",
      ["--log-watch-seconds", "soon"],
      /--log-watch-seconds "soon": expected a whole number from 0 to 3600/,
    ],
    ["destroy", "scripts/destroy.ts", ["--log-watch-seconds"], /log-watch-seconds/],
    [
      "bench:deploy-path",
      "scripts/bench-deploy-path.ts",
      ["--log-watch-seconds", "soon"],
      /--log-watch-seconds "soon": expected a whole number/,
    ],
    ["deploy", "scripts/deploy.ts", ["--auto-approve=yes"], /auto-approve/],
    ["deploy", "scripts/deploy.ts", ["eks-cluster"], /eks-cluster/],
    ["deploy", "scripts/deploy.ts", ["--cluster-only=yes"], /cluster-only/],
    ["plan", "scripts/plan.ts", ["foo"], /no stack named foo: the stacks are eks-cluster, eks-workloads/],
    ["install-test-tools", "scripts/install-test-tools.ts", ["now"], /now/],
  ])("%s: %s %j is refused in one line with exit 2 before anything else", (_, file, args, message) => {
    const result = run(file, ...args);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).toBe("");
    expect(result.status).toBe(2);
  });
});
