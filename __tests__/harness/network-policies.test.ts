import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { capture } from "../../lib/run";

describe("enforceNetworkPolicies", () => {
  it("says in one line to install nftables when nft is missing, before touching the cluster", () => {
    const emptyPath = mkdtempSync(join(tmpdir(), "no-nft-"));
    const script = "require('./harness/network-policies').enforceNetworkPolicies({}, {})";
    const run = capture(process.execPath, ["--import", "tsx", "-e", script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PATH: emptyPath },
    });
    rmSync(emptyPath, { recursive: true, force: true });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("Error: nft not found on PATH: install nftables (Debian/Ubuntu: apt-get install nftables)\n");
  });
});
