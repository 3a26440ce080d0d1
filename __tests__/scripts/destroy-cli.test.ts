import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appEnvironment, readCdktfJson } from "../../scripts/lib/app-command";
import { cdkCliPath } from "../../scripts/lib/cdk-cli";
import { PROJECT_ROOT } from "../../lib/project-root";
import { OfflineTerraform } from "../helpers/terraform";
import { capture } from "../../lib/run";

/**
 * The command npm run destroy runs when the workloads stack holds nothing,
 * run through the CLI npm run destroy picks for this Node (cdktn on 22.19 and
 * newer, cdktf 0.21 below) against the synthesized app, offline: the AWS
 * provider from the local mirror, state in a throwaway file.
 */
describe("cdktf destroy of the cluster stack alone", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("is refused without --ignore-missing-stack-dependencies and runs with it", () => {
    const outdir = mkdtempSync(join(tmpdir(), "destroy-"));
    const stateDir = mkdtempSync(join(tmpdir(), "destroy-state-"));
    dirs.push(outdir, stateDir);
    const [command, ...args] = readCdktfJson().app.split(" ");
    const synth = capture(command, args, {
      cwd: PROJECT_ROOT,
      env: appEnvironment(outdir, { EKS_POC_AZS: "us-east-1a,us-east-1b" }),
    });
    expect(synth.status).toBe(0);
    const terraform = new OfflineTerraform(join(outdir, "stacks", "eks-cluster"), "5.100.0");
    terraform.writeOfflineOverride(join(stateDir, "cluster.tfstate"));

    const cdktf = (...extra: string[]) =>
      capture(
        cdkCliPath(),
        ["destroy", "eks-cluster", "--skip-synth", "--skip-provider-lock", "--auto-approve", "--no-color", "-o", outdir, ...extra],
        { cwd: PROJECT_ROOT, env: { ...terraform.environment(), CI: "1" }, timeoutMs: 240_000 },
      );

    const refused = cdktf();
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/dependant stacks are not included in the stacks to run: eks-workloads/);

    const alone = cdktf("--ignore-missing-stack-dependencies");
    expect(alone.stdout + alone.stderr).toMatch(/Destroy complete! Resources: 0 destroyed\./);
    expect(alone.status).toBe(0);
  }, 300_000);
});
