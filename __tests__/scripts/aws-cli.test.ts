import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { capture } from "../../lib/run";

describe("npm run deploy and npm run destroy without the AWS CLI", () => {
  const bin = mkdtempSync(join(tmpdir(), "bin-"));
  symlinkSync(process.execPath, join(bin, "node"));
  // Every other tool the preflight asks for is there, so the missing CLI is the only line.
  for (const tool of ["terraform", "kubectl"]) {
    symlinkSync(capture("sh", ["-c", `command -v ${tool}`]).stdout.trim(), join(bin, tool));
  }
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it.each(["deploy", "destroy"])("%s fails with one line saying what to install, before touching AWS", (script) => {
    const run = capture("node", ["--import", "tsx", `scripts/${script}.ts`], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PATH: bin },
      timeoutMs: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `${script}: aws not found on PATH: install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)\n`,
    );
    // deploy judges the settings first: its synth writes cdktf.out, and nothing of AWS is asked or changed.
    expect(run.stdout).toBe(script === "deploy" ? "synthesized eks-cluster, eks-workloads into cdktf.out/stacks\n" : "");
  });
});
