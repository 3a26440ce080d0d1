import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { finishSynth, outputFolder, synthEnvironment } from "../../scripts/lib/synth-runner";
import { capture } from "../../lib/run";

const AZS = { EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" };

describe("synthEnvironment", () => {
  it("hands the app what the cdktf CLI hands it", () => {
    const env = synthEnvironment({ PATH: "/bin", TF_VAR_secret: "x" }, { region: "eu-west-3" }, "cdktf.out", false);
    expect(env).toEqual({
      PATH: "/bin",
      NODE_OPTIONS: "--max-old-space-size=4096",
      CDKTF_OUTDIR: "cdktf.out",
      CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
      CDKTF_CONTEXT_JSON: JSON.stringify({ region: "eu-west-3", cdktfRelativeModules: [] }),
      SYNTH_HCL_OUTPUT: "false",
    });
  });

  it("keeps the user's NODE_OPTIONS and passes --hcl on", () => {
    const env = synthEnvironment({ NODE_OPTIONS: "--enable-source-maps" }, {}, "out", true);
    expect(env).toMatchObject({ NODE_OPTIONS: "--enable-source-maps", SYNTH_HCL_OUTPUT: "true" });
  });
});

describe("outputFolder", () => {
  it("names a folder of the project relative to it, and others in full", () => {
    expect(outputFolder({})).toEqual({ absolute: join(PROJECT_ROOT, "cdktf.out"), shown: "cdktf.out" });
    expect(outputFolder({ outdir: "/elsewhere/out" })).toEqual({ absolute: "/elsewhere/out", shown: "/elsewhere/out" });
  });
});

describe("finishSynth", () => {
  it("removes the folders of stacks the app no longer has, as the cdktf CLI does", () => {
    const outdir = mkdtempSync(join(tmpdir(), "finish-"));
    for (const stack of ["eks-cluster", "old-stack"]) mkdirSync(join(outdir, "stacks", stack), { recursive: true });
    writeFileSync(join(outdir, "manifest.json"), JSON.stringify({ stacks: { "eks-cluster": {} } }));
    expect(finishSynth(outdir, ["eks-cluster", "old-stack"])).toEqual({ stacks: ["eks-cluster"], removed: ["old-stack"] });
    expect(readdirSync(join(outdir, "stacks"))).toEqual(["eks-cluster"]);
  });
});

describe("npm run synth", () => {
  function synth(args: string[], env: Record<string, string> = {}) {
    return capture(process.execPath, ["--import", "tsx", "scripts/synth.ts", ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      timeoutMs: 60_000,
    });
  }

  it("writes both stacks and a manifest as cdktf synth does, and says so in one line", () => {
    const outdir = mkdtempSync(join(tmpdir(), "npm-synth-"));
    mkdirSync(join(outdir, "stacks", "renamed-stack"), { recursive: true });
    const run = synth(["--output", outdir], AZS);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`synthesized eks-cluster, eks-workloads into ${outdir}/stacks; removed the old stacks renamed-stack\n`);
    expect(run.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["eks-cluster", "eks-workloads"]);
    expect(existsSync(join(outdir, "stacks", "eks-cluster", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(outdir, "manifest.json"))).toBe(true);
  });

  it("prints a refused setting once, as the project's own lines, with no spinner or log prefix", () => {
    const outdir = mkdtempSync(join(tmpdir(), "npm-synth-"));
    const run = synth(["--output", outdir], { EKS_POC_AZ_COUNT: "9" });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "eks-haproxy-poc: invalid configuration:\n" +
        '  - azCount = "9" (from EKS_POC_AZ_COUNT): allowed: 2 to 6 (EKS needs subnets in at least two AZs)\n',
    );
    expect(readdirSync(outdir)).toEqual([]);
  });

  it("refuses --hcl with the app's hint, writing nothing", () => {
    const outdir = mkdtempSync(join(tmpdir(), "npm-synth-"));
    const run = synth(["--output", outdir, "--hcl"], AZS);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^eks-haproxy-poc: --hcl is not supported: .*synthesize without --hcl/);
    expect(readdirSync(outdir)).toEqual([]);
  });

  it("has --help, and refuses an unknown option in one line with exit 2", () => {
    expect(synth(["--help"]).stdout).toMatch(/^usage: npm run synth \[-- --output DIR\]: .*; --hcl is refused/);
    const run = synth(["--outdir", "x"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("synth: Unknown option '--outdir' (npm run synth -- --help)\n");
  });
});
