import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

describe("PROJECT_ROOT", () => {
  it("is the folder of this project's package.json and cdktf.json", () => {
    expect((JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { name: string }).name).toBe("eks-haproxy-poc");
    expect(existsSync(join(PROJECT_ROOT, "cdktf.json"))).toBe(true);
  });
});
