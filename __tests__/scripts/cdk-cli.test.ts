import { cdkCliFor, cdkCliPath, installedCdkClis } from "../../scripts/lib/cdk-cli";
import type { CdkCli } from "../../scripts/lib/cdk-cli";

describe("the cdktf CLI for a Node version", () => {
  const clis = installedCdkClis();

  it("reads each CLI's Node range from its installed package", () => {
    expect(clis.map((cli) => [cli.command, cli.packageName])).toEqual([
      ["cdktn", "cdktn-cli"],
      ["cdktf", "cdktf-cli"],
    ]);
    expect(clis[0].nodeRange).toBe(">=22.19.0");
  });

  it.each([
    ["20.20.2", "cdktf"],
    ["22.18.0", "cdktf"],
    ["22.19.0", "cdktn"],
    ["24.22.3", "cdktn"],
  ])("Node %s runs %s", (node, command) => {
    expect(cdkCliFor(node, clis).command).toBe(command);
  });

  it("takes the preferred CLI when its package states no Node range", () => {
    const open: CdkCli = { command: "cdktn", packageName: "cdktn-cli", nodeRange: undefined };
    expect(cdkCliFor("20.0.0", [open, clis[1]]).command).toBe("cdktn");
  });

  it("points at the command npm linked into node_modules/.bin", () => {
    expect(cdkCliPath("24.0.0")).toMatch(/node_modules\/\.bin\/cdktn$/);
    expect(cdkCliPath("20.0.0")).toMatch(/node_modules\/\.bin\/cdktf$/);
  });
});
