import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { TABLE_END, TABLE_START, renderSettingsTable, settingRow, withSettingsTable } from "../../config/settings-table";
import { SETTING_NAMES } from "../../config/settings-spec";
import { envName } from "../../config/sources";

describe("the configuration table of docs/configuration.md", () => {
  const page = readFileSync(join(PROJECT_ROOT, "docs", "configuration.md"), "utf8");

  it("is the one config/settings-spec.ts renders (npm run docs:settings writes it)", () => {
    const between = page.slice(page.indexOf(TABLE_START) + TABLE_START.length, page.indexOf(TABLE_END));
    expect(between.trim()).toBe(renderSettingsTable());
  });
});

describe("renderSettingsTable", () => {
  let rows: string[];
  beforeEach(() => (rows = renderSettingsTable().split("\n")));
  const rowOf = (name: string) => rows.find((row) => row.startsWith(`| \`${name}\` |`));

  it("gives every setting one row with its variable", () => {
    for (const name of SETTING_NAMES) expect(rowOf(name)).toContain(`| \`${envName(name)}\``);
    expect(rows.filter((row) => row.startsWith("| `"))).toHaveLength(SETTING_NAMES.length);
  });

  it("shows defaults as a variable spells them, or what stands for them", () => {
    expect(rowOf("azCount")).toContain("| `3` |");
    expect(rowOf("controlPlaneLogTypes")).toContain("| `api,audit,authenticator,controllerManager,scheduler` |");
    expect(rowOf("tags")).toContain("| `Project=eks-haproxy-poc,ManagedBy=cdktf` |");
    expect(rowOf("adminPrincipalArns")).toContain("| (empty) |");
    expect(rowOf("flowLogRetentionDays")).toContain("| `logRetentionDays` |");
    expect(rowOf("region")).toContain("| `EKS_POC_REGION` (or `AWS_REGION`, `AWS_DEFAULT_REGION`) |");
  });

  it("escapes a | in a doc line, which would end the cell", () => {
    expect(settingRow("overlay", { default: "poc", group: "Workloads and tags", doc: "a | b" })).toBe(
      "| `overlay` | `EKS_POC_OVERLAY` | `poc` | a \\| b |",
    );
  });

  it("puts each group's row before its settings", () => {
    expect(rows.indexOf("| **Nodes** | | | |")).toBeLessThan(rows.indexOf(rowOf("nodeMinSize")!));
    expect(rows.indexOf("| **Network** | | | |")).toBeGreaterThan(rows.indexOf(rowOf("region")!));
  });
});

describe("withSettingsTable", () => {
  it("takes a table at the very start of the text", () => {
    expect(withSettingsTable(`${TABLE_START}\n${TABLE_END}\n`)).toBe(`${TABLE_START}\n${renderSettingsTable()}\n${TABLE_END}\n`);
  });

  it("replaces what is between the markers, and only that", () => {
    const text = `before\n${TABLE_START}\n| stale |\n${TABLE_END}\nafter\n`;
    expect(withSettingsTable(text)).toBe(`before\n${TABLE_START}\n${renderSettingsTable()}\n${TABLE_END}\nafter\n`);
  });

  it("refuses a page without the markers, or with them in the wrong order", () => {
    expect(() => withSettingsTable("no table")).toThrow(/lacks the lines/);
    expect(() => withSettingsTable(`${TABLE_START}\n`)).toThrow(/lacks the lines/);
    expect(() => withSettingsTable(`${TABLE_END}\n${TABLE_START}\n`)).toThrow(/lacks the lines/);
  });
});
