import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { sourceLinesMatching } from "../helpers/source-files";

describe("PROJECT_ROOT", () => {
  it("is the folder of this project's package.json and cdktf.json", () => {
    expect((JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { name: string }).name).toBe("eks-haproxy-poc");
    expect(existsSync(join(PROJECT_ROOT, "cdktf.json"))).toBe(true);
  });

  it("is the one definition of the root: no other file climbs out of its own folder from __dirname", () => {
    // A file may read its siblings (join(__dirname, "x.cfg")); reaching the root or another folder goes through PROJECT_ROOT.
    expect(sourceLinesMatching(/__dirname\s*,\s*["'`]\.\./, ["lib/project-root.ts"])).toEqual([]);
  });
});
