/**
 * The local data-plane harness: network namespaces, real HAProxy, nginx and
 * dnsmasq. Needs root; runs alone (--runInBand) so its timings are not shared.
 */
const unit = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  roots: ["<rootDir>/__tests__/e2e"],
  testPathIgnorePatterns: [],
  testTimeout: 120000,
};
