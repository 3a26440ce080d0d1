import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeStaleStacks } from "../../stacks/stale-output";

describe("removeStaleStacks", () => {
  let outdir: string;
  const write = (...path: string[]) => {
    mkdirSync(join(outdir, ...path.slice(0, -1)), { recursive: true });
    writeFileSync(join(outdir, ...path), "{}");
  };
  beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), "cdktf-out-"))));
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  it("removes each stack's Terraform code, JSON or HCL, and the manifest, and keeps the rest", () => {
    write("manifest.json");
    write("stacks", "eks-cluster", "cdk.tf.json");
    write("stacks", "eks-cluster", ".terraform.lock.hcl");
    write("stacks", "eks-workloads", "cdk.tf");
    write("stacks", "eks-workloads", "cdk.tf.json");
    write("stacks", "other", "notes.txt");
    expect(removeStaleStacks(outdir).sort()).toEqual(["eks-cluster", "eks-workloads"]);
    expect(existsSync(join(outdir, "manifest.json"))).toBe(false);
    expect(readdirSync(join(outdir, "stacks", "eks-cluster"))).toEqual([".terraform.lock.hcl"]);
    expect(readdirSync(join(outdir, "stacks", "eks-workloads"))).toEqual([]);
    expect(readdirSync(join(outdir, "stacks", "other"))).toEqual(["notes.txt"]);
  });

  it("removes nothing, and fails on nothing, where no synth has been", () => {
    expect(removeStaleStacks(outdir)).toEqual([]);
    expect(removeStaleStacks(join(outdir, "missing"))).toEqual([]);
  });
});
