import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImageLine } from "../../harness/pod-runtimes";
import type { MachineLookups } from "../../scripts/lib/install-plan";
import { DEBIAN_PACKAGES, commandSearchPath, planInstall } from "../../scripts/lib/install-plan";
import { AWS_PROVIDER, boundAwsProviderVersion, locateAwsProviderMirror, missingMirrorMessage } from "../../scripts/lib/provider-mirror";

const LINES: ImageLine[] = [
  { runtime: "haproxy", image: "haproxy:3.2-alpine", line: "3.2" },
  { runtime: "node", image: "node:24-alpine", line: "24" },
];
const MIRROR_MESSAGE = missingMirrorMessage("5.100.0");

/** A root machine with every command, runtime and the provider mirror unless told otherwise. */
function machine(overrides: { missing?: string[]; root?: boolean; runtimes?: string[]; mirror?: boolean } = {}): MachineLookups {
  const missing = new Set(overrides.missing ?? []);
  return {
    hasCommand: (command) => !missing.has(command),
    isRoot: () => overrides.root ?? true,
    hasRuntime: (line) => (overrides.runtimes ?? ["haproxy", "node"]).includes(line.runtime),
    hasProviderMirror: () => overrides.mirror ?? true,
  };
}

describe("planInstall: what npm test installs before any test", () => {
  it("does nothing when every command, both pod runtimes and the mirror are there", () => {
    expect(planInstall(LINES, machine(), MIRROR_MESSAGE)).toEqual({ action: "nothing" });
  });

  it("installs the missing Debian packages, by package name, with the missing runtimes", () => {
    expect(planInstall(LINES, machine({ missing: ["haproxy", "nginx", "wrk"], runtimes: ["node"] }), MIRROR_MESSAGE)).toEqual({
      action: "install",
      packages: ["haproxy", "nginx-light", "wrk"],
      runtimes: [LINES[0]],
    });
  });

  it("installs everything on a fresh machine (no package, no runtime)", () => {
    const plan = planInstall(LINES, machine({ missing: Object.keys(DEBIAN_PACKAGES), runtimes: [] }), MIRROR_MESSAGE);
    expect(plan).toEqual({ action: "install", packages: Object.values(DEBIAN_PACKAGES), runtimes: LINES });
  });

  it("stops a non-root user with one line, even when everything is installed: the data-plane tests need network namespaces", () => {
    for (const lookups of [machine({ root: false }), machine({ root: false, missing: ["ip"], runtimes: [], mirror: false })]) {
      expect(planInstall(LINES, lookups, MIRROR_MESSAGE)).toEqual({
        action: "refuse",
        message: "the data-plane tests need root (network namespaces, ip netns): run them as root, e.g. sudo npm test",
      });
    }
  });

  it("stops before installing anything, with the pip command, when moto_server is missing", () => {
    expect(planInstall(LINES, machine({ missing: ["moto_server", "haproxy"], runtimes: [] }), MIRROR_MESSAGE)).toEqual({
      action: "refuse",
      message:
        "moto_server not found on PATH: pip install 'moto[server]' (moto >= 5.2, the AWS API emulator the apply tests run the cluster stack against)",
    });
  });

  it("stops before installing anything when the AWS provider mirror is missing", () => {
    expect(planInstall(LINES, machine({ mirror: false, missing: ["haproxy"] }), MIRROR_MESSAGE)).toEqual({
      action: "refuse",
      message: MIRROR_MESSAGE,
    });
  });
});

describe("commandSearchPath", () => {
  it("adds the sbin folders a plain user's PATH lacks, after PATH", () => {
    expect(commandSearchPath("/usr/local/bin:/usr/bin:/bin")).toBe("/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
    expect(commandSearchPath(undefined)).toBe("/usr/sbin:/sbin");
  });

  it("keeps PATH's own order when it has them", () => {
    expect(commandSearchPath("/sbin:/usr/bin:/usr/sbin")).toBe("/sbin:/usr/bin:/usr/sbin");
  });
});

describe("the AWS provider mirror", () => {
  const dir = mkdtempSync(join(tmpdir(), "mirror-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is the version @cdktf/provider-aws binds", () => {
    expect(boundAwsProviderVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("is found in TF_PLUGIN_MIRROR only when that folder holds the version", () => {
    mkdirSync(join(dir, AWS_PROVIDER, "5.100.0"), { recursive: true });
    expect(locateAwsProviderMirror("5.100.0", { TF_PLUGIN_MIRROR: dir })).toBe(dir);
    expect(locateAwsProviderMirror("5.99.0", { TF_PLUGIN_MIRROR: dir })).toBeUndefined();
  });

  it("when missing, one line names the version, the terraform command and the variable", () => {
    expect(MIRROR_MESSAGE.split("\n")).toHaveLength(1);
    expect(MIRROR_MESSAGE).toMatch(
      /hashicorp\/aws 5\.100\.0 .*terraform -chdir=cdktf\.out\/stacks\/eks-cluster providers mirror DIR.*TF_PLUGIN_MIRROR=DIR/,
    );
  });
});
