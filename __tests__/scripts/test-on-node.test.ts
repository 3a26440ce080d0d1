import { PROJECT_ROOT } from "../../lib/project-root";
import { capture } from "../../lib/run";

function testOnNode(args: string[]) {
  return capture(process.execPath, ["--import", "tsx", "scripts/test-on-node.ts", ...args], {
    cwd: PROJECT_ROOT,
    timeoutMs: 60_000,
  });
}

describe("npm run test:node", () => {
  it("names the installer when the line is not in the cache", () => {
    const run = testOnNode(["99"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^test:node: Node 99 is not installed at .*node-99\/bin\/node: run npm run install-test-tools\n$/);
  });

  it("does not run the tests twice on the machine's own line, and says so", () => {
    const run = testOnNode([process.versions.node.split(".")[0]]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`test:node: this machine's Node is ${process.versions.node}: the unit tests already ran on it\n`);
  });

  it.each([[[]], [["24", "22"]], [["latest"]]])("refuses %j: one Node line, by its major", (args) => {
    const run = testOnNode(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("test:node: expected one Node line, e.g. 24 (npm run test:node -- --help)\n");
  });
});
