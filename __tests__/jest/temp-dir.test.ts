import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { capture } from "../../lib/run";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.config.js is CommonJS outside the TypeScript project (no types to import)
const UNIT_CONFIG = require("../../jest.config.js") as Record<string, unknown>;

it("a jest run removes what its tests left in the temp directory", () => {
  const temp = mkdtempSync(join(tmpdir(), "jest-in-jest-"));
  try {
    const report = join(temp, "report");
    const config = JSON.stringify({
      ...UNIT_CONFIG,
      rootDir: PROJECT_ROOT,
      testMatch: ["**/leaves-temp.fixture.ts"],
      testPathIgnorePatterns: [],
    });
    const run = capture(process.execPath, [require.resolve("jest/bin/jest"), "--config", config, "--runInBand"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TMPDIR: temp, LEFT_BEHIND_REPORT: report },
      timeoutMs: 60_000,
    });
    expect(run.status).toBe(0);
    const leftBehind = readFileSync(report, "utf8");
    expect(leftBehind.startsWith(temp)).toBe(true);
    expect(existsSync(leftBehind)).toBe(false);
    // Not even jest's own cache (jest_<uid> by default): jest.config.js keeps it in node_modules/.cache.
    expect(readdirSync(temp)).toEqual(["report"]);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});

it("npm test's first step, install-test-tools, leaves no tsx cache (tsx-<uid>) in the temp directory", () => {
  const temp = mkdtempSync(join(tmpdir(), "tsx-cache-"));
  try {
    const run = capture("npm", ["run", "--silent", "install-test-tools", "--", "--help"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TMPDIR: temp },
      timeoutMs: 60_000,
    });
    expect(run.stdout).toMatch(/^usage: /);
    // npm 11 itself turns on Node's compile cache where Node has one (22.1 and newer: npm's lib/cli.js calls
    // module.enableCompileCache()), and Node keeps it in the temp directory: npm's, not the project's.
    expect(readdirSync(temp).filter((name) => name !== "node-compile-cache")).toEqual([]);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});

it("a process can run jest twice, as StrykerJS's test runner does once per mutant", () => {
  const temp = mkdtempSync(join(tmpdir(), "jest-twice-"));
  try {
    const config = JSON.stringify({
      ...UNIT_CONFIG,
      rootDir: PROJECT_ROOT,
      testMatch: ["**/leaves-temp.fixture.ts"],
      testPathIgnorePatterns: [],
    });
    const script = `const { runCLI } = require(${JSON.stringify(require.resolve("jest"))});
      (async () => { for (let i = 0; i < 2; i++) {
        const { results } = await runCLI({ config: process.argv[1], runInBand: true, silent: true }, [process.cwd()]);
        if (!results.success) throw new Error("run " + i + " failed: " + JSON.stringify(results.testResults.map((r) => r.failureMessage)));
      } console.log("TMPDIR=" + process.env.TMPDIR); })().catch((error) => { console.error(error.message); process.exit(1); });`;
    const run = capture(process.execPath, ["-e", script, config], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TMPDIR: temp, LEFT_BEHIND_REPORT: join(temp, "report") },
      timeoutMs: 60_000,
    });
    expect(run.stderr).not.toMatch(/globalSetup|failed/);
    expect(run.status).toBe(0);
    // Both runs' directories are gone, and the process is back on the TMPDIR it started with.
    expect(run.stdout).toContain(`TMPDIR=${temp}\n`);
    expect(readdirSync(temp).filter((name) => name !== "report" && !name.startsWith("jest_"))).toEqual([]);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});
