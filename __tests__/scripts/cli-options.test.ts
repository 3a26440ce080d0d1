import { PROJECT_ROOT } from "../../lib/project-root";
import { numberIn, parseCommandLine, readCommandLine, UsageError } from "../../scripts/lib/cli-options";
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

describe("parseCommandLine", () => {
  const line = {
    name: "x",
    command: "npm run x",
    usage: "usage: npm run x",
    options: { runs: { type: "string", default: "7" }, dry: { type: "boolean" } },
  } as const;

  it("reads the declared options, with their defaults, and -h/--help", () => {
    expect(parseCommandLine(line, ["--dry", "--runs", "3"]).values).toEqual({ dry: true, runs: "3" });
    expect(parseCommandLine(line, []).values).toEqual({ runs: "7" });
    expect(parseCommandLine(line, ["-h"]).values.help).toBe(true);
    expect(parseCommandLine({ ...line, positionals: true }, ["a", "b"]).positionals).toEqual(["a", "b"]);
  });

  it("refuses an unknown option, a positional argument not declared, and a bad value in one line pointing at --help", () => {
    expect(() => parseCommandLine(line, ["--nope"])).toThrow(new UsageError("Unknown option '--nope' (npm run x -- --help)"));
    expect(() => parseCommandLine(line, ["now"])).toThrow(
      new UsageError("Unexpected argument 'now'. This command does not take positional arguments (npm run x -- --help)"),
    );
    expect(() => parseCommandLine(line, ["--dry=yes"])).toThrow(
      new UsageError("Option '--dry' does not take an argument (npm run x -- --help)"),
    );
  });
});

describe("readCommandLine", () => {
  const line = { name: "x", command: "npm run x", usage: "usage: npm run x [-- --runs N]", options: { runs: { type: "string" } } } as const;
  let exit: jest.SpyInstance;
  let log: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    exit = jest.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it("prints the usage on --help and exits 0", () => {
    expect(() => readCommandLine(line, undefined, ["--help"])).toThrow("exit 0");
    expect(log.mock.calls).toEqual([["usage: npm run x [-- --runs N]"]]);
    expect(error).not.toHaveBeenCalled();
  });

  it("refuses an unknown option in one line named after the script, and exits 2", () => {
    expect(() => readCommandLine(line, undefined, ["--nope"])).toThrow("exit 2");
    expect(error.mock.calls).toEqual([["x: Unknown option '--nope' (npm run x -- --help)"]]);
    expect(log).not.toHaveBeenCalled();
  });

  it("returns what the check makes of the values, and refuses what the check refuses as a misuse", () => {
    const runs = ({ values }: { values: { runs?: string } }) => numberIn("runs", values.runs ?? "1", 1, 9, true);
    expect(readCommandLine(line, runs, ["--runs", "3"])).toBe(3);
    expect(exit).not.toHaveBeenCalled();
    expect(() => readCommandLine(line, runs, ["--runs", "30"])).toThrow("exit 2");
    expect(error.mock.calls).toEqual([['x: --runs "30": expected a whole number from 1 to 9']]);
  });

  it("lets any other error through, for the script's own handling", () => {
    const broken = () => {
      throw new Error("not a misuse");
    };
    expect(() => readCommandLine(line, broken, [])).toThrow("not a misuse");
    expect(exit).not.toHaveBeenCalled();
  });
});

describe("every script's command line", () => {
  // [npm script, file, what starts its lines, how it is run]
  const scripts: Array<[string, string, string, string]> = [
    ["start", "scripts/start.ts", "npm start", "npm start"],
    ["synth", "scripts/synth.ts", "synth", "npm run synth"],
    ["plan", "scripts/plan.ts", "plan", "npm run plan"],
    ["verify", "scripts/verify.ts", "verify", "npm run verify"],
    ["bench", "scripts/bench.ts", "bench", "npm run bench"],
    ["bench:synth", "scripts/bench-synth.ts", "bench:synth", "npm run bench:synth"],
    ["bench:deploy-path", "scripts/bench-deploy-path.ts", "bench:deploy-path", "npm run bench:deploy-path"],
    ["deploy", "scripts/deploy.ts", "deploy", "npm run deploy"],
    ["destroy", "scripts/destroy.ts", "destroy", "npm run destroy"],
    ["docs:settings", "scripts/docs-settings.ts", "docs:settings", "npm run docs:settings"],
    ["install-test-tools", "scripts/install-test-tools.ts", "install-test-tools", "npm run install-test-tools"],
    ["test:node", "scripts/test-on-node.ts", "test:node", "npm run test:node"],
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

  it.each(scripts)("%s refuses an unknown option in one line, worded as every script words it, with exit 2", (_, file, name, command) => {
    const result = run(file, "--no-such-option");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${name}: Unknown option '--no-such-option' (${command} -- --help)\n`);
    expect(result.stdout).toBe("");
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
