import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { capture } from "../../lib/run";

describe("npm run docs:settings", () => {
  const dir = mkdtempSync(join(tmpdir(), "docs-settings-"));
  const page = join(dir, "configuration.md");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    capture(process.execPath, ["--import", "tsx", "scripts/docs-settings.ts", "--file", page, ...args], {
      cwd: PROJECT_ROOT,
      timeoutMs: 60_000,
    });

  it("--check passes on docs/configuration.md as committed, fails on a stale table, and a run rewrites it from the spec", () => {
    copyFileSync(join(PROJECT_ROOT, "docs", "configuration.md"), page);
    const committed = readFileSync(page, "utf8");
    expect(run("--check").status).toBe(0);

    writeFileSync(page, committed.replace("| `azCount` | `EKS_POC_AZ_COUNT` | `3` |", "| `azCount` | `EKS_POC_AZ_COUNT` | `2` |"));
    const stale = run("--check");
    expect([stale.status, stale.stderr.trim()]).toEqual([
      1,
      `docs:settings: the configuration table of ${page} differs from config/settings-spec.ts; run npm run docs:settings`,
    ]);

    expect(run().status).toBe(0);
    expect(readFileSync(page, "utf8")).toBe(committed);
  });

  it("checks docs/configuration.md when no --file is given", () => {
    const check = capture(process.execPath, ["--import", "tsx", "scripts/docs-settings.ts", "--check"], {
      cwd: PROJECT_ROOT,
      timeoutMs: 60_000,
    });
    expect([check.status, check.stdout.trim()]).toEqual([
      0,
      `docs:settings: the configuration table of ${join(PROJECT_ROOT, "docs", "configuration.md")} matches config/settings-spec.ts`,
    ]);
  });

  it("answers --help with its usage, and refuses an unknown option in one line with exit 2", () => {
    const help = run("--help");
    expect([help.status, help.stdout]).toEqual([0, expect.stringMatching(/^usage: npm run docs:settings/)]);
    const bad = run("--no-such-option");
    expect([bad.status, bad.stderr.trim().split("\n")]).toEqual([
      2,
      [expect.stringMatching(/^docs:settings: Unknown option '--no-such-option'/)],
    ]);
  });
});
