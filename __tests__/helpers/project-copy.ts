import { cpSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

/** What a copy leaves out: dependencies (linked instead), history, build output and any state of a real deploy. */
const LEFT_OUT = new Set(["node_modules", ".git", "cdktf.out", "dist", "coverage", "reports"]);

/**
 * A copy of the project in a folder of its own, with node_modules linked, so
 * that its npm scripts synthesize into, and keep local Terraform state in,
 * that folder and never touch the project's own cdktf.out or state files.
 */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "project-copy-"));
  cpSync(PROJECT_ROOT, dir, {
    recursive: true,
    filter: (source) => {
      const name = basename(source);
      return source === PROJECT_ROOT || (!LEFT_OUT.has(name) && !/\.tfstate(\.|$)/.test(name) && !name.startsWith(".stryker-tmp"));
    },
  });
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}
