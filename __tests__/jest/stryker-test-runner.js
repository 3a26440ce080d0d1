/**
 * jest's test runner for mutation runs (jest.stryker.config.js): jest's own, which skips the test files that hold
 * none of the tests a run selects by name.
 *
 * For each mutant, Stryker runs the tests that reached it (per-test coverage, given to jest as a test name pattern)
 * in the test files related to the mutated file. jest loads every related file and then skips the tests the pattern
 * leaves out, and loading is most of the cost: a mutant of config/ is related to about 40 test files and reached by
 * the tests of one or two. The test names of each file are recorded whenever the file runs without a pattern (the dry
 * run, and a mutant reached at module load, which Stryker tests against every related test); a file whose names were
 * never recorded always runs. The names are kept in this process, which Stryker reuses from mutant to mutant.
 */
const { default: TestRunner } = require("jest-runner");

/** Test file path -> the full names ("describe ... test") of its tests, as jest reports and matches them. */
const namesByFile = new Map();

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

class StrykerTestRunner extends TestRunner {
  #pattern;

  constructor(globalConfig, context) {
    super(globalConfig, context);
    this.#pattern = globalConfig.testNamePattern;
  }

  async runTests(tests, watcher, options) {
    if (!this.#pattern) {
      this.on("test-file-success", ([test, result]) =>
        namesByFile.set(
          test.path,
          result.testResults.map((r) => r.fullName),
        ),
      );
    }
    return super.runTests(testsToRun(tests, this.#pattern), watcher, options);
  }
}

module.exports = StrykerTestRunner;
module.exports.testsToRun = testsToRun;
