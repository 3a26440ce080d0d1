import { ImageLine } from "../../e2e/pod-runtimes";
import { DEBIAN_PACKAGES, MachineLookups, planInstall } from "../../scripts/lib/install-plan";

const LINES: ImageLine[] = [
  { runtime: "haproxy", image: "haproxy:3.2-alpine", line: "3.2" },
  { runtime: "node", image: "node:24-alpine", line: "24" },
];

/** A machine with every command and runtime unless told otherwise. */
function machine(overrides: { missing?: string[]; root?: boolean; sudo?: boolean; runtimes?: string[] } = {}): MachineLookups {
  const missing = new Set(overrides.missing ?? []);
  return {
    hasCommand: (command) => !missing.has(command),
    isRoot: () => overrides.root ?? true,
    sudoWithoutPassword: () => overrides.sudo ?? false,
    hasRuntime: (line) => (overrides.runtimes ?? ["haproxy", "node"]).includes(line.runtime),
  };
}

describe("planInstall: what npm test installs before any test", () => {
  it("does nothing when every command and both pod runtimes are there", () => {
    expect(planInstall(LINES, machine({ root: false }))).toEqual({ action: "nothing" });
  });

  it("installs the missing Debian packages as root, by package name, with the missing runtimes", () => {
    expect(planInstall(LINES, machine({ missing: ["haproxy", "nginx", "wrk"], runtimes: ["node"] }))).toEqual({
      action: "install", packages: ["haproxy", "nginx-light", "wrk"], asRoot: "self", runtimes: [LINES[0]],
    });
  });

  it("installs everything on a fresh machine (no package, no runtime)", () => {
    const plan = planInstall(LINES, machine({ missing: Object.keys(DEBIAN_PACKAGES), runtimes: [] }));
    expect(plan).toEqual({ action: "install", packages: Object.values(DEBIAN_PACKAGES), asRoot: "self", runtimes: LINES });
  });

  it("goes through sudo when it works without a password", () => {
    expect(planInstall(LINES, machine({ missing: ["dnsmasq"], root: false, sudo: true }))).toMatchObject({ action: "install", packages: ["dnsmasq-base"], asRoot: "sudo" });
  });

  it("fetches the runtimes as a plain user: they need no root", () => {
    expect(planInstall(LINES, machine({ root: false, runtimes: [] }))).toEqual({ action: "install", packages: [], asRoot: "self", runtimes: LINES });
  });

  it("stops with one line naming the packages and the exact command when it cannot be root", () => {
    for (const lookups of [machine({ missing: ["haproxy", "patchelf"], root: false }), machine({ missing: ["haproxy", "patchelf", "sudo"], root: false, sudo: true })]) {
      const plan = planInstall(LINES, lookups);
      expect(plan.action).toBe("refuse");
      const message = (plan as { message: string }).message;
      expect(message.split("\n")).toHaveLength(1);
      expect(message).toContain("haproxy, patchelf");
      expect(message).toContain("`apt-get update && env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy patchelf`");
    }
  });
});
