import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { cdkCliFor, installedCdkClis } from "../../scripts/lib/cdk-cli";
import { capture } from "../../lib/run";

/** `npm run cdktf -- …`, the design's cdktf commands on whichever Node runs the tests (npm test runs them on 20, 22 and 24). */
function npmCdktf(args: string[]) {
  return capture("npm", ["run", "--silent", "cdktf", "--", ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" },
    timeoutMs: 180_000,
  });
}

describe(`npm run cdktf on Node ${process.versions.node} (${cdkCliFor(process.versions.node, installedCdkClis()).packageName})`, () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("synthesizes both stacks as cdktf synth", () => {
    const outdir = mkdtempSync(join(tmpdir(), "cdktf-command-"));
    dirs.push(outdir);
    const run = npmCdktf(["synth", "--output", outdir]);
    expect(run.stdout).toMatch(/Generated Terraform code for the stacks: eks-cluster, eks-workloads/);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(["eks-cluster", "eks-workloads"]);
    expect(existsSync(join(outdir, "stacks", "eks-cluster", "cdk.tf.json"))).toBe(true);
  }, 200_000);

  it("passes the CLI's own refusal and status through", () => {
    const run = npmCdktf(["no-such-command"]);
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/no-such-command/);
  }, 200_000);

  it("says how to use it when no command is given", () => {
    const run = npmCdktf([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^usage: npm run cdktf -- <command>/);
  }, 60_000);
});
