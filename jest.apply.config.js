/**
 * The cluster stack applied for real against moto_server (npm run test:apply):
 * public mode, private mode with one NAT gateway, and the project's own deploy
 * and destroy. Each file starts its own moto on a loopback port, so they run
 * side by side: most of their time is the AWS provider's waiters sleeping.
 */
const unit = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  roots: ["<rootDir>/__tests__/apply"],
  testPathIgnorePatterns: ["/node_modules/", "\\.long\\.test\\.ts$"],
  maxWorkers: 3,
  testTimeout: 20 * 60_000,
};
