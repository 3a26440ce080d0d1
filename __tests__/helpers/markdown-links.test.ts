import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brokenLinks, headingAnchors } from "./markdown-links";

describe("headingAnchors", () => {
  it("gives each heading GitHub's anchor: lowercase, no punctuation, hyphens, a number for a repeat", () => {
    const page = [
      "# Before a first deploy: who may reach it, and what it costs",
      "### `azs` and `azCount`",
      "## The [stats](x.md) page",
      "## Notes",
      "## Notes",
      "```",
      "# not a heading",
      "```",
    ].join("\n");
    expect([...headingAnchors(page)]).toEqual([
      "before-a-first-deploy-who-may-reach-it-and-what-it-costs",
      "azs-and-azcount",
      "the-stats-page",
      "notes",
      "notes-1",
    ]);
  });
});

describe("brokenLinks", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "markdown-links-"));
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs", "page.md"), "# Page\n\n## Known part\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("finds a missing file and a missing heading, and passes what exists", () => {
    const readme = join(dir, "README.md");
    writeFileSync(
      readme,
      [
        "# Top",
        "[ok](docs/page.md) [ok](docs/page.md#known-part) [ok](#top) [ok](docs/) [web](https://example.com/x#y)",
        "[gone](docs/gone.md) [no part](docs/page.md#unknown-part) [no top](#bottom)",
        "`[code](not-a-link.md)`",
        "```",
        "[fenced](not-a-link-either.md)",
        "```",
      ].join("\n"),
    );
    expect(brokenLinks([readme], dir)).toEqual([
      { file: "README.md", target: "docs/gone.md", reason: "no such file" },
      { file: "README.md", target: "docs/page.md#unknown-part", reason: "no such heading" },
      { file: "README.md", target: "#bottom", reason: "no such heading" },
    ]);
  });

  it("resolves a link from the folder of the page it is in", () => {
    const page = join(dir, "docs", "other.md");
    writeFileSync(page, "[up](../README.md) [beside](page.md#page)\n");
    expect(brokenLinks([page], dir)).toEqual([{ file: join("docs", "other.md"), target: "../README.md", reason: "no such file" }]);
  });
});
