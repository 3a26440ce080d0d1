import { SETTINGS_SPEC, SETTING_GROUPS, SETTING_NAMES } from "./settings-spec";
import type { SettingName, SettingSpec } from "./settings-spec";
import { envName } from "./sources";

/** The configuration table (docs/configuration.md) lies between these lines; `npm run docs:settings` writes what is between. */
export const TABLE_START =
  "<!-- settings-table: start. Written by `npm run docs:settings` from config/settings-spec.ts; edit the spec, not the table -->";
export const TABLE_END = "<!-- settings-table: end -->";

/** The configuration table in markdown: a row per setting, the settings of each group after its group's row. */
export function renderSettingsTable(): string {
  const rows = ["| setting (`cdktf.json`) | environment variable | default | meaning |", "|---|---|---|---|"];
  for (const group of SETTING_GROUPS) {
    rows.push(`| **${group}** | | | |`);
    for (const name of SETTING_NAMES.filter((n) => SETTINGS_SPEC[n].group === group)) rows.push(settingRow(name, SETTINGS_SPEC[name]));
  }
  return rows.join("\n");
}

/** One setting's row; a | in its doc line is escaped, as it would end the cell. */
export function settingRow(name: SettingName, spec: Omit<SettingSpec<unknown>, "parse" | "rules">): string {
  const also = (spec.alsoFrom ?? []).map((variable) => `\`${variable}\``).join(", ");
  const variable = `\`${envName(name)}\`${also ? ` (or ${also})` : ""}`;
  return `| \`${name}\` | ${variable} | ${spec.defaultDoc ?? shownDefault(spec.default)} | ${spec.doc.replace(/\|/g, "\\|")} |`;
}

/** A default as a user would write it in the variable: lists comma-separated, maps key=value. */
function shownDefault(value: unknown): string {
  const text = Array.isArray(value)
    ? value.join(",")
    : typeof value === "object" && value !== null
      ? Object.entries(value)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(",")
      : String(value);
  return text === "" ? "(empty)" : `\`${text}\``;
}

/** `readme` with the text between the markers replaced by the table; throws when a marker is missing. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`the page lacks the lines ${TABLE_START} and ${TABLE_END} around the configuration table`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${renderSettingsTable()}\n${readme.slice(end)}`;
}
