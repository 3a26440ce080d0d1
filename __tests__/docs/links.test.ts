import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { brokenLinks } from "../helpers/markdown-links";

describe("the project's markdown pages", () => {
  it("link only to files and headings that exist (README.md, ARCHITECTURE.md, docs/*.md)", () => {
    const docs = readdirSync(join(PROJECT_ROOT, "docs"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => join(PROJECT_ROOT, "docs", name));
    expect(docs.length).toBeGreaterThan(0);
    expect(brokenLinks([join(PROJECT_ROOT, "README.md"), join(PROJECT_ROOT, "ARCHITECTURE.md"), ...docs], PROJECT_ROOT)).toEqual([]);
  });
});
