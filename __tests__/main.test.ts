import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appEnvironment, readCdktfJson } from "../scripts/lib/app-command";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../lib/project-root";
import { capture } from "../lib/run";

/** Runs the app exactly as `cdktf synth` does, into a fresh output folder. */
function synth(
  env: Record<string, string>,
  outdir = mkdtempSync(join(tmpdir(), "main-synth-")),
): { status: number | null; stderr: string; outdir: string } {
  const [command, ...args] = readCdktfJson().app.split(" ");
  const result = capture(command, args, { cwd: PROJECT_ROOT, env: appEnvironment(outdir, env), timeoutMs: 60_000 });
  return { status: result.status, stderr: result.stderr, outdir };
}

describe("main.ts", () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("writes both stacks with explicit AZs", () => {
    const run = synth({ EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" });
    outdirs.push(run.outdir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(existsSync(join(run.outdir, "stacks", "eks-cluster", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(run.outdir, "stacks", "eks-workloads", "cdk.tf.json"))).toBe(true);
  });

  it("excepts a VPC outside RFC 1918 from HAProxy's egress to any address in the workloads stack", () => {
    const run = synth({ EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c", EKS_POC_VPC_CIDR: "100.64.0.0/16" });
    outdirs.push(run.outdir);
    expect(run.status).toBe(0);
    const stack = JSON.parse(readFileSync(join(run.outdir, "stacks", "eks-workloads", "cdk.tf.json"), "utf8"));
    const [policy] = Object.entries<{ yaml_body: string }>(stack.resource.kubectl_manifest)
      .filter(([name]) => /^networkpolicy-.*allow-haproxy$/.test(name))
      .map(([, manifest]) => parse(manifest.yaml_body));
    const [block] = policy.spec.egress.flatMap((rule: any) => rule.to ?? []).filter((peer: any) => peer.ipBlock?.cidr === "0.0.0.0/0");
    expect(block.ipBlock.except).toContain("100.64.0.0/16");
  });

  it("refuses bad input with one line per problem, a non-zero exit and nothing written", () => {
    const run = synth({ EKS_POC_AZ_COUNT: "9", EKS_POC_VPC_CIDR: "10.0.0.0/33" });
    outdirs.push(run.outdir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      [
        "eks-haproxy-poc: invalid configuration:",
        '  - azCount = "9" (from EKS_POC_AZ_COUNT): allowed: 2 to 6 (EKS needs subnets in at least two AZs)',
        '  - vpcCidr = "10.0.0.0/33" (from EKS_POC_VPC_CIDR): is not an IPv4 CIDR such as 10.0.0.0/16',
        "",
      ].join("\n"),
    );
    expect(readdirSync(run.outdir)).toEqual([]);
  });

  it("refuses an instance type too small for the rendered overlay's pods, before writing anything", () => {
    const run = synth({ EKS_POC_NODE_INSTANCE_TYPES: "t3.micro" });
    outdirs.push(run.outdir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^eks-haproxy-poc: invalid configuration:\n {2}- nodeInstanceTypes = "t3.micro" \(from EKS_POC_NODE_INSTANCE_TYPES\): t3.micro holds at most 4 pods .*such as t3.small\n$/,
    );
    expect(readdirSync(run.outdir)).toEqual([]);
  });

  it("removes the earlier synth's stacks when it refuses, keeping the providers Terraform downloaded", () => {
    const good = synth({ EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" });
    outdirs.push(good.outdir);
    const providers = join(good.outdir, "stacks", "eks-cluster", ".terraform");
    mkdirSync(providers);
    const run = synth({ EKS_POC_AZ_COUNT: "9" }, good.outdir);
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n").slice(-2)).toEqual([
      `eks-haproxy-poc: removed the earlier synth's code of eks-cluster, eks-workloads from ${good.outdir}`,
      "",
    ]);
    expect(existsSync(join(good.outdir, "manifest.json"))).toBe(false);
    expect(readdirSync(join(good.outdir, "stacks", "eks-cluster"))).not.toContain("cdk.tf.json");
    expect(readdirSync(join(good.outdir, "stacks", "eks-workloads"))).not.toContain("cdk.tf.json");
    expect(existsSync(providers)).toBe(true);
  });

  it("refuses --hcl before writing anything, with a hint that can be followed", () => {
    const run = synth({ SYNTH_HCL_OUTPUT: "true", EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" });
    outdirs.push(run.outdir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "eks-haproxy-poc: --hcl is not supported: the hand-written kubectl provider binding (providers/kubectl) synthesizes " +
        "Terraform JSON only; synthesize without --hcl (Terraform reads cdk.tf.json as it reads .tf files)\n",
    );
    expect(readdirSync(run.outdir)).toEqual([]);
  });

  it("fails with one line saying what to install when kubectl is missing", () => {
    const bin = mkdtempSync(join(tmpdir(), "bin-"));
    outdirs.push(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    const run = synth({ PATH: bin });
    outdirs.push(run.outdir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "eks-haproxy-poc: kubectl not found on PATH: install kubectl >= 1.27, which bundles kustomize (https://kubernetes.io/docs/tasks/tools/)\n",
    );
    expect(readdirSync(run.outdir)).toEqual([]);
  });

  it("synthesizes as on the day EKS_POC_SYNTH_DATE names, and refuses a malformed one in one line", () => {
    const later = synth({ EKS_POC_SYNTH_DATE: "2027-04-01", EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" });
    outdirs.push(later.outdir);
    expect(later.status).toBe(1);
    expect(later.stderr).toMatch(
      /^eks-haproxy-poc: invalid configuration:\n {2}- kubernetesVersion = "1\.35" \(from default\): is in EKS extended support/,
    );
    const bad = synth({ EKS_POC_SYNTH_DATE: "2027-02-30", EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c" });
    outdirs.push(bad.outdir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      'eks-haproxy-poc: invalid configuration:\n  - EKS_POC_SYNTH_DATE = "2027-02-30" (from the environment): ' +
        "not a day of the calendar; allowed: YYYY-MM-DD, to synthesize as on that day\n",
    );
  });

  it("refuses an overlay that does not exist", () => {
    const run = synth({ EKS_POC_OVERLAY: "staging" });
    outdirs.push(run.outdir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^eks-haproxy-poc: overlay staging: .*kustomize\/overlays\/staging\/kustomization\.yaml not found\n$/);
  });
});
