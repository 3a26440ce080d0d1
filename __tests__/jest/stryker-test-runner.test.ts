// The runner is JavaScript (jest loads it by path); its filter is a plain function.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module in no tsconfig, so untyped
const { testsToRun, inRunOrder } = require("./stryker-test-runner.js") as {
  testsToRun: (tests: Array<{ path: string }>, pattern: string | undefined, names: Map<string, string[]>) => Array<{ path: string }>;
  inRunOrder: (tests: Array<{ path: string }>, runtimes: Map<string, number>) => Array<{ path: string }>;
};

describe("the mutation runs' test runner", () => {
  const tests = [{ path: "/p/a.test.ts" }, { path: "/p/b.test.ts" }, { path: "/p/new.test.ts" }];
  const names = new Map([
    ["/p/a.test.ts", ["parseInteger reads 1e3 (as Stryker names it)", "parseInteger refuses 0x10"]],
    ["/p/b.test.ts", ["RenderedOverlay finds the DaemonSet"]],
  ]);

  it("runs every related file when no test name is selected", () => {
    expect(testsToRun(tests, undefined, names)).toEqual(tests);
  });

  it("skips a file whose recorded tests the pattern leaves out, and keeps a file never recorded", () => {
    // Stryker's pattern: each selected test's full name, escaped, in a group of an alternation.
    expect(testsToRun(tests, "(parseInteger reads 1e3 \\(as Stryker names it\\))", names)).toEqual([tests[0], tests[2]]);
    expect(testsToRun(tests, "(parseInteger refuses 0x10)|(RenderedOverlay finds the DaemonSet)", names)).toEqual(tests);
  });

  it("matches as jest does: case-insensitively, anywhere in the full name", () => {
    expect(testsToRun(tests, "(renderedoverlay FINDS)", names)).toEqual([tests[1], tests[2]]);
  });

  it("runs the files fastest first, and those never timed last in the order given", () => {
    const runtimes = new Map([
      ["/p/a.test.ts", 900],
      ["/p/b.test.ts", 40],
    ]);
    const order = [{ path: "/p/new.test.ts" }, { path: "/p/a.test.ts" }, { path: "/p/other.test.ts" }, { path: "/p/b.test.ts" }];
    expect(inRunOrder(order, runtimes).map((t) => t.path)).toEqual(["/p/b.test.ts", "/p/a.test.ts", "/p/new.test.ts", "/p/other.test.ts"]);
  });
});
