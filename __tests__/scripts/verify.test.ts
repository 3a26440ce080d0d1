import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { capture } from "../../lib/run";

describe("npm run verify without a deployment", () => {
  // A version past its support, or any setting a new synth would refuse, is no business of verify's.
  it.each([[{}], [{ EKS_POC_KUBERNETES_VERSION: "1.20", EKS_POC_AZ_COUNT: "many" }]])(
    "says to deploy first, or to pass --url, when the stack has no outputs (env %j)",
    (extraEnv) => {
      const bin = mkdtempSync(join(tmpdir(), "fake-terraform-"));
      writeFileSync(join(bin, "terraform"), "#!/bin/sh\necho 'No outputs found' >&2\nexit 1\n");
      chmodSync(join(bin, "terraform"), 0o755);
      const run = capture(process.execPath, ["--import", "tsx", "scripts/verify.ts"], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...extraEnv, PATH: `${bin}:${process.env.PATH}` },
      });
      rmSync(bin, { recursive: true, force: true });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(
        "FAILED: no outputs of eks-workloads found: deploy first (npm run deploy), or pass --url http://<load balancer>",
      );
    },
  );

  it("refuses arguments it does not know", () => {
    const run = capture(process.execPath, ["--import", "tsx", "scripts/verify.ts", "--urll", "x"], {
      cwd: PROJECT_ROOT,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--urll'/);
  });
});
