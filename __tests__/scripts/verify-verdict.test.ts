import { excerpt, servedZone, verdict } from "../../scripts/lib/verify-verdict";

const PORTS = ["80", "5000", "9000"];

describe("servedZone", () => {
  it("reads the AZ of the metadata app's JSON", () => {
    expect(servedZone({ status: 200, body: '{"availabilityZone":"us-east-1b"}' })).toBe("us-east-1b");
  });

  it("names an answer that is not the app's JSON as such, instead of throwing", () => {
    expect(servedZone({ status: 200, body: "<html>Welcome to nginx!</html>" })).toBe("not the metadata app's JSON");
    expect(servedZone({ status: 200, body: '"us-east-1a"' })).toBe("not the metadata app's JSON");
    expect(servedZone({ status: 503, body: "" })).toBe("HTTP 503");
  });

  it("shortens a body to one line for a message", () => {
    expect(excerpt("<html>\n  <body>" + "x".repeat(100))).toBe(`<html> <body>${"x".repeat(47)}...`);
  });
});

describe("verdict", () => {
  it("is OK when every deployed AZ served port 5000", () => {
    const served = new Map([
      ["eu-west-3b", 16],
      ["eu-west-3a", 14],
    ]);
    expect(verdict(PORTS, served, ["eu-west-3a", "eu-west-3b"])).toEqual({
      ok: true,
      line: "OK: ports 80, 5000 and 9000 answer; 2 of 2 AZs served port 5000: eu-west-3a (14), eu-west-3b (16)",
    });
  });

  it("is DEGRADED naming the deployed AZ that never answered, whatever today's settings say", () => {
    const { ok, line } = verdict(
      PORTS,
      new Map([
        ["us-east-1a", 20],
        ["us-east-1b", 10],
      ]),
      ["us-east-1a", "us-east-1b", "us-east-1d"],
    );
    expect(ok).toBe(false);
    expect(line).toBe(
      "DEGRADED: ports 80, 5000 and 9000 answer; 2 of 3 AZs served port 5000: us-east-1a (20), us-east-1b (10); missing: us-east-1d",
    );
  });

  it("is DEGRADED when a sample failed", () => {
    expect(
      verdict(
        PORTS,
        new Map([
          ["us-east-1a", 29],
          ["HTTP 503", 1],
        ]),
        ["us-east-1a"],
      ).ok,
    ).toBe(false);
  });

  it("says AZ, not AZs, of one", () => {
    expect(verdict(["80", "5000"], new Map([["us-east-1a", 30]]), ["us-east-1a"]).line).toBe(
      "OK: ports 80 and 5000 answer; 1 of 1 AZ served port 5000: us-east-1a (30)",
    );
  });

  it("says the AZs were not checked when no expected AZs are known", () => {
    expect(verdict(["8080", "5000", "9000"], new Map([["us-east-1a", 30]]))).toEqual({
      ok: true,
      line: "OK: ports 8080, 5000 and 9000 answer; 1 AZ served port 5000: us-east-1a (30) (expected AZs unknown: no cluster stack outputs; pass --azs to check them)",
    });
  });
});
