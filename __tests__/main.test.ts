import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT, appEnvironment, readCdktfJson } from "../scripts/lib/app-command";

/** Runs the app exactly as `cdktf synth` does, into a fresh output folder. */
function synth(env: Record<string, string>): { status: number | null; stderr: string; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), "main-synth-"));
  const [command, ...args] = readCdktfJson().app.split(" ");
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, env: appEnvironment(outdir, env), encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stderr: result.stderr, outdir };
}

describe("main.ts", () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("writes the stacks with explicit AZs", () => {
    const run = synth({ EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" });
    outdirs.push(run.outdir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(existsSync(join(run.outdir, "stacks", "eks-cluster", "cdk.tf.json"))).toBe(true);
  });

  it("refuses bad input with one line per problem, a non-zero exit and nothing written", () => {
    const run = synth({ EKS_POC_AZ_COUNT: "9", EKS_POC_VPC_CIDR: "10.0.0.0/33" });
    outdirs.push(run.outdir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe([
      "eks-haproxy-poc: invalid configuration:",
      '  - azCount = "9" (from EKS_POC_AZ_COUNT): allowed: 2 to 6 (EKS needs subnets in at least two AZs)',
      '  - vpcCidr = "10.0.0.0/33" (from EKS_POC_VPC_CIDR): is not an IPv4 CIDR such as 10.0.0.0/16',
      "",
    ].join("\n"));
    expect(readdirSync(run.outdir)).toEqual([]);
  });
});
