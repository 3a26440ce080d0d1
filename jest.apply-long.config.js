/**
 * npm run test:apply:long: every apply test, adding private mode with a NAT
 * gateway per AZ and flow logs to S3 (`*.long.test.ts`) to npm run test:apply's.
 */
const apply = require("./jest.apply.config");

/** @type {import('jest').Config} */
module.exports = { ...apply, testPathIgnorePatterns: ["/node_modules/"] };
