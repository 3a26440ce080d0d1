import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** The Terraform code cdktf writes per stack: JSON, or HCL with --hcl. */
const STACK_CODE = ["cdk.tf.json", "cdk.tf"];

/**
 * After a refused synth: removes the Terraform code an earlier synth left in
 * `outdir` (and its manifest), so nobody plans or applies stacks built from
 * other settings. The stack folders keep `.terraform` (providers) and the
 * lock file; Terraform refuses to plan a folder without configuration, so
 * nothing is planned for destruction. Returns the stacks whose code was removed.
 */
export function removeStaleStacks(outdir: string): string[] {
  const stacksDir = join(outdir, "stacks");
  const removed = existsSync(stacksDir)
    ? readdirSync(stacksDir).filter((stack) => STACK_CODE.some((file) => existsSync(join(stacksDir, stack, file))))
    : [];
  for (const stack of removed) STACK_CODE.forEach((file) => rmSync(join(stacksDir, stack, file), { force: true }));
  rmSync(join(outdir, "manifest.json"), { force: true });
  return removed;
}
