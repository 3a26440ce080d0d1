/**
 * jest's test runner for mutation runs (jest.stryker.config.js): jest's own, with two changes for a mutant's run.
 *
 * For each mutant, Stryker runs the tests that reached it (per-test coverage, given to jest as a test name pattern)
 * in the test files related to the mutated file. jest loads every related file and skips the tests the pattern leaves
 * out, and it runs every selected test even once one has failed (Stryker cannot ask jest to bail, jest issue 11766).
 * A mutant of config/ is related to about 40 test files and reached by up to 270 tests, many of them synthesizing
 * a stack. So this runner:
 * - skips the related files that hold none of the selected tests. The test names of each file are recorded in the
 *   dry run; a file whose names were never recorded always runs;
 * - runs the files one at a time, fastest first (as timed in the dry run), and stops at the first file with a
 *   failing test while a mutant is active: the mutant is killed, which is all Stryker needs to know (its own
 *   default, disableBail: false, asks for that).
 * What it records stays in this process, which Stryker reuses from mutant to mutant.
 */
const { default: TestRunner } = require("jest-runner");

/** Test file path -> the full names ("describe ... test") of its tests, as jest reports and matches them. */
const namesByFile = new Map();
/** Test file path -> how long the file took to run, in milliseconds. */
const runtimeByFile = new Map();

/** The tests (jest's Test objects) that may hold a test `pattern` selects; all of them without a pattern. */
function testsToRun(tests, pattern, names = namesByFile) {
  if (!pattern) return tests;
  // jest matches the pattern case-insensitively against each test's full name (jest-circus, eventHandler.js).
  const selects = new RegExp(pattern, "i");
  return tests.filter((test) => {
    const known = names.get(test.path);
    return known === undefined || known.some((name) => selects.test(name));
  });
}

/** The tests, fastest first; those never timed last, in the order given. */
function inRunOrder(tests, runtimes = runtimeByFile) {
  const time = (test) => runtimes.get(test.path) ?? Infinity;
  return [...tests].sort((a, b) => time(a) - time(b));
}

class StrykerTestRunner extends TestRunner {
  #pattern;

  constructor(globalConfig, context) {
    super(globalConfig, context);
    this.#pattern = globalConfig.testNamePattern;
  }

  async runTests(tests, watcher, options) {
    const mutantActive = process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined;
    // Names and times are recorded in the dry run only: a run with a mutant active may break a file's describe bodies
    // (Stryker runs a mutant reached at module load against every related test, without a pattern), and names
    // recorded then would hide the file from every later mutant.
    if (!this.#pattern && !mutantActive) {
      this.on("test-file-success", ([test, result]) => {
        if (result.testExecError) return;
        namesByFile.set(
          test.path,
          result.testResults.map((r) => r.fullName),
        );
        runtimeByFile.set(test.path, result.perfStats.runtime);
      });
    }
    const selected = inRunOrder(testsToRun(tests, this.#pattern));
    if (!mutantActive) return super.runTests(selected, watcher, options);
    let failed = false;
    this.on("test-file-success", ([, result]) => (failed ||= result.numFailingTests > 0 || Boolean(result.testExecError)));
    this.on("test-file-failure", () => (failed = true));
    for (const test of selected) {
      if (failed || watcher.isInterrupted()) break;
      await super.runTests([test], watcher, options);
    }
  }
}

module.exports = StrykerTestRunner;
module.exports.testsToRun = testsToRun;
module.exports.inRunOrder = inRunOrder;
