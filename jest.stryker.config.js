/**
 * The unit tests as StrykerJS runs them (`npm run mutate`): jest.config.js
 * minus the tests that cannot take part in a mutation run.
 * @type {import('jest').Config}
 */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  // jest's --findRelatedTests (Stryker runs only the tests related to the mutated file) follows imports through the
  // modules under roots alone: with only __tests__ there, a construct tested through a stack would have no test.
  roots: [
    ...base.roots,
    ...["config", "constructs", "stacks", "kubernetes", "providers", "scripts", "harness"].map((dir) => `<rootDir>/${dir}`),
  ],
  // jest's runner, minus the related test files that hold none of the tests Stryker selects for a mutant.
  runner: "<rootDir>/__tests__/jest/stryker-test-runner.js",
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    // `terraform plan` of the synthesized stack against a fake AWS endpoint (and of an upgrade against a built
    // state): minutes per run, and Stryker reruns the tests that cover a mutant once per mutant.
    // cluster-stack.test.ts checks the same synthesized resources without terraform.
    "<rootDir>/__tests__/stacks/cluster-stack\\.(plan|upgrade)\\.test\\.ts$",
  ],
};
