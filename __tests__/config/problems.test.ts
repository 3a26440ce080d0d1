import { ConfigError } from "../../config/problems";

describe("ConfigError", () => {
  // Built before each test, not in the describe body, so that mutation testing counts the class as run by the tests.
  let error: ConfigError;
  beforeEach(() => {
    error = new ConfigError([
      "region = mars-1 (from EKS_POC_REGION): unknown region",
      "azCount = 0 (from cdktf.json context): must be 1 to 6",
    ]);
  });

  it("lists every problem on a line of its own, under one heading", () => {
    expect(error.message).toBe(
      "invalid configuration:\n" +
        "  - region = mars-1 (from EKS_POC_REGION): unknown region\n" +
        "  - azCount = 0 (from cdktf.json context): must be 1 to 6",
    );
    expect(error.problems).toHaveLength(2);
  });

  it("names itself in the stack the app prints with EKS_POC_DEBUG=1", () => {
    expect(error.stack).toMatch(/^ConfigError: invalid configuration:\n/);
  });
});
