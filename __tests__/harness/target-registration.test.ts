import { deregisterCommands, registerCommands } from "../../harness/nlb/target-registration";

describe("the service controller's target changes, as runtime API commands", () => {
  it("registers a target slot in every listener, its fail-open slot too", () => {
    expect(registerCommands(["http", "metadata"], "node4")).toEqual([
      "set server http/node4 state ready",
      "set server http/node4-open state ready",
      "set server metadata/node4 state ready",
      "set server metadata/node4-open state ready",
    ]);
  });

  it("deregisters by draining (open connections go on, no new one) and takes its fail-open slot out", () => {
    expect(deregisterCommands(["http"], "node1")).toEqual(["set server http/node1 state drain", "set server http/node1-open state maint"]);
  });
});
