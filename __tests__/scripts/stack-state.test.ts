import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasOutputs } from "../../scripts/lib/stack-state";
import { capture } from "../../lib/run";

describe("hasOutputs", () => {
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };

  it("is false before the first apply (no state) and true after it, with real terraform", () => {
    const dir = mkdtempSync(join(tmpdir(), "stack-state-"));
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ output: { cluster_name: { value: "poc" } } }));
    expect(hasOutputs(dir, env)).toBe(false);
    const apply = capture("terraform", ["apply", "-auto-approve", "-input=false"], { cwd: dir, env });
    expect(apply.status).toBe(0);
    expect(hasOutputs(dir, env)).toBe(true);
  });
});
