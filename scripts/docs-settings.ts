/**
 * `npm run docs:settings`: writes the README's configuration table from
 * config/settings-spec.ts, between its marker lines. `-- --check` writes
 * nothing and exits 1 when the README's table differs from the spec;
 * `-- --readme FILE` works on another copy of the README.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withSettingsTable } from "../config/settings-table";
import { PROJECT_ROOT } from "../lib/project-root";
import { readCommandLine } from "./lib/cli-options";

const USAGE =
  "usage: npm run docs:settings [-- --check] [-- --readme FILE]: writes README.md's configuration table from " +
  "config/settings-spec.ts; --check writes nothing and exits 1 when the table differs";

const { values } = readCommandLine({
  name: "docs:settings",
  command: "npm run docs:settings",
  usage: USAGE,
  options: { check: { type: "boolean" }, readme: { type: "string" } },
});
const readmePath = values.readme ?? join(PROJECT_ROOT, "README.md");
const readme = readFileSync(readmePath, "utf8");
const updated = withSettingsTable(readme);
if (updated === readme) {
  console.log(`docs:settings: the configuration table of ${readmePath} matches config/settings-spec.ts`);
} else if (values.check) {
  console.error(`docs:settings: the configuration table of ${readmePath} differs from config/settings-spec.ts; run npm run docs:settings`);
  process.exit(1);
} else {
  writeFileSync(readmePath, updated);
  console.log(`docs:settings: wrote the configuration table of ${readmePath}`);
}
