/**
 * `npm run docs:settings`: writes the README's configuration table from
 * config/settings-spec.ts, between its marker lines. `-- --check` writes
 * nothing and exits 1 when the README's table differs from the spec.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withSettingsTable } from "../config/settings-table";
import { PROJECT_ROOT } from "../lib/project-root";

const readmePath = join(PROJECT_ROOT, "README.md");
const readme = readFileSync(readmePath, "utf8");
const updated = withSettingsTable(readme);
if (process.argv.includes("--check")) {
  if (updated !== readme) {
    console.error("docs:settings: README.md's configuration table differs from config/settings-spec.ts; run npm run docs:settings");
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
  console.log("docs:settings: wrote the configuration table of README.md");
} else {
  console.log("docs:settings: README.md's configuration table already matches config/settings-spec.ts");
}
