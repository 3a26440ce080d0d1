/**
 * Unit tests. The transform only transpiles: type checking is `npm run build`,
 * which `npm test` runs first.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // The local data-plane harness runs on its own (npm run e2e), and so does the apply against moto (npm run test:apply).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/__tests__/e2e/", "<rootDir>/__tests__/apply/"],
  transform: {
    "^.+\\.m?ts$": "<rootDir>/jest.transform.js",
  },
  moduleFileExtensions: ["ts", "mts", "js", "json"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  globalSetup: "<rootDir>/__tests__/jest/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/jest/global-teardown.js",
  testTimeout: 30000,
  // Jest decides its cache folder before the global setup redirects TMPDIR: kept in the project, nothing is left in the system's.
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
};
