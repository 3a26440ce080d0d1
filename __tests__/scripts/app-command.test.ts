import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCdktfJson } from "../../scripts/lib/app-command";

describe("readCdktfJson", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "eks-poc-cdktf-json-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const written = (text: string): string => {
    const file = join(dir, "cdktf.json");
    writeFileSync(file, text);
    return file;
  };

  it("names the file, line and column of a JSON error", () => {
    const file = written('{\n  "app": "node main.ts",\n  "context": { azCount: 2 }\n}\n');
    expect(() => readCdktfJson(file)).toThrow(new RegExp(`^${file}:3:16: not valid JSON: `));
  });

  it("places a file that ends too early at its end", () => {
    const file = written('{\n  "context": {');
    expect(() => readCdktfJson(file)).toThrow(`${file}:2:15: not valid JSON: `);
  });

  it("reads a valid file's context", () => {
    expect(readCdktfJson(written('{ "app": "x", "context": { "azCount": 2 } }')).context).toEqual({ azCount: 2 });
  });
});
