import { TEST_NODE_LINES, testNodeLines } from "../../scripts/lib/test-node-lines";

describe("the Node lines npm test fetches for the unit tests", () => {
  it("are the active and the maintenance LTS", () => {
    expect(TEST_NODE_LINES).toEqual({ full: "24", cli: "22" });
  });

  it("leave out a line the pods already bring", () => {
    const pods = [{ runtime: "haproxy" as const, image: "haproxy:3.2-alpine", line: "3.2" }];
    expect(testNodeLines(pods).map((line) => line.image)).toEqual(["node:24", "node:22"]);
    expect(testNodeLines([...pods, { runtime: "node", image: "node:24-alpine", line: "24" }])).toEqual([
      { runtime: "node", image: "node:22", line: "22" },
    ]);
  });
});
