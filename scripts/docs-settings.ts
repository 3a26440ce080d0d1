/**
 * `npm run docs:settings`: writes the configuration table of docs/configuration.md
 * from config/settings-spec.ts, between its marker lines. `-- --check` writes
 * nothing and exits 1 when the page's table differs from the spec;
 * `-- --file FILE` works on another copy of the page.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withSettingsTable } from "../config/settings-table";
import { PROJECT_ROOT } from "../lib/project-root";
import { readCommandLine } from "./lib/cli-options";

const USAGE =
  "usage: npm run docs:settings [-- --check] [-- --file FILE]: writes docs/configuration.md's configuration table from " +
  "config/settings-spec.ts; --check writes nothing and exits 1 when the table differs";

const { values } = readCommandLine({
  name: "docs:settings",
  command: "npm run docs:settings",
  usage: USAGE,
  options: { check: { type: "boolean" }, file: { type: "string" } },
});
const pagePath = values.file ?? join(PROJECT_ROOT, "docs", "configuration.md");
const page = readFileSync(pagePath, "utf8");
const updated = withSettingsTable(page);
if (updated === page) {
  console.log(`docs:settings: the configuration table of ${pagePath} matches config/settings-spec.ts`);
} else if (values.check) {
  console.error(`docs:settings: the configuration table of ${pagePath} differs from config/settings-spec.ts; run npm run docs:settings`);
  process.exit(1);
} else {
  writeFileSync(pagePath, updated);
  console.log(`docs:settings: wrote the configuration table of ${pagePath}`);
}
