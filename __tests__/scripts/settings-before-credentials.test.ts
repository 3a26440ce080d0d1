import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { capture } from "../../lib/run";

/**
 * npm run deploy and npm run plan judge the settings before they look for AWS's tools and credentials: run with a bad
 * setting and a PATH with neither aws nor terraform, each says what is wrong with the setting, and nothing about AWS.
 */
describe.each(["deploy", "plan"])("npm run %s", (command) => {
  let emptyPath: string;
  beforeAll(() => {
    emptyPath = mkdtempSync(join(tmpdir(), "no-tools-"));
  });
  afterAll(() => rmSync(emptyPath, { recursive: true, force: true }));

  it("refuses a bad setting before the preflight asks for AWS", () => {
    const run = capture(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "scripts", `${command}.ts`)], {
      cwd: PROJECT_ROOT,
      env: { PATH: emptyPath, HOME: emptyPath, EKS_POC_AZ_COUNT: "9" },
      timeoutMs: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('azCount = "9" (from EKS_POC_AZ_COUNT): allowed: 2 to 6');
    expect(run.stderr).not.toMatch(/not installed|credentials|install /);
    expect(run.stdout).not.toContain(`${command}: as `);
  });
});
