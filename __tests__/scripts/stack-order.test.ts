import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appEnvironment, readCdktfJson } from "../../scripts/lib/app-command";
import { PROJECT_ROOT } from "../../lib/project-root";
import { run } from "../../lib/run";
import { stacksInOrder } from "../../scripts/lib/stack-order";

const stack = (...dependencies: string[]) => ({ workingDirectory: "stacks/x", dependencies });

describe("stacksInOrder", () => {
  it("puts each stack after the stacks it depends on, whatever the listing order", () => {
    expect(stacksInOrder({ stacks: { "eks-workloads": stack("eks-cluster"), "eks-cluster": stack() } })).toEqual([
      "eks-cluster",
      "eks-workloads",
    ]);
    expect(stacksInOrder({ stacks: { c: stack("b"), b: stack("a"), a: stack(), d: stack("a") } })).toEqual(["a", "b", "c", "d"]);
  });

  it("refuses a cycle", () => {
    expect(() => stacksInOrder({ stacks: { a: stack("b"), b: stack("a") } })).toThrow("stack dependency cycle through a");
  });

  it("orders the manifest cdktf writes for this app, where the workloads depend on the cluster", () => {
    const outdir = mkdtempSync(join(tmpdir(), "order-"));
    const [command, ...args] = readCdktfJson().app.split(" ");
    run(command, args, { cwd: PROJECT_ROOT, env: appEnvironment(outdir, { EKS_POC_AZS: "us-east-1a,us-east-1b" }) });
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    rmSync(outdir, { recursive: true, force: true });
    expect(manifest.stacks["eks-workloads"].dependencies).toEqual(["eks-cluster"]);
    expect(stacksInOrder(manifest)).toEqual(["eks-cluster", "eks-workloads"]);
  });
});
