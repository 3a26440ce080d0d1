import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasTool, installHint, missingToolLine, requireTool } from "../../lib/require-tool";
import { TERRAFORM_REQUIRED_VERSION } from "../../lib/terraform-version";

describe("installHint", () => {
  it("names what to install for a tool it knows, with the version the project needs", () => {
    expect(installHint("terraform")).toBe(
      `install Terraform ${TERRAFORM_REQUIRED_VERSION} (https://developer.hashicorp.com/terraform/install)`,
    );
    expect(installHint("ip")).toBe("install iproute2 (Debian/Ubuntu: apt-get install iproute2)");
  });

  it("falls back to the tool's own name", () => {
    expect(installHint("frobnicate")).toBe("install frobnicate");
  });
});

describe("hasTool and requireTool", () => {
  // A PATH of one folder this test fills: what is on it is known, whatever the machine has installed.
  let bin: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), "require-tool-"));
    writeFileSync(join(bin, "present-tool"), "#!/bin/sh\nexit 1\n");
    chmodSync(join(bin, "present-tool"), 0o755);
    writeFileSync(join(bin, "not-executable"), "");
    env = { PATH: bin };
  });
  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  it("finds an executable on PATH, whatever it exits with when run", () => {
    expect(hasTool("present-tool", { PATH: "/nonexistent" })).toBe(false);
    expect(hasTool("present-tool", env)).toBe(true);
    expect(() => requireTool("present-tool", env)).not.toThrow();
  });

  it("does not count a file that cannot be run, or a missing one", () => {
    expect(hasTool("not-executable", env)).toBe(false);
    expect(hasTool("absent-tool", env)).toBe(false);
  });

  it("takes the name as one word, never as shell text", () => {
    expect(hasTool("present-tool; true", env)).toBe(false);
    expect(hasTool("absent-tool || true", env)).toBe(false);
  });

  it("fails with the one line missingToolLine gives", () => {
    expect(missingToolLine("nft")).toBe("nft not found on PATH: install nftables (Debian/Ubuntu: apt-get install nftables)");
    expect(() => requireTool("nft", env)).toThrow(new Error(missingToolLine("nft")));
  });
});
