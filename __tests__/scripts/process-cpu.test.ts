import { spawn } from "node:child_process";
import { cpuSeconds, processTree } from "../../scripts/lib/process-cpu";

describe("process CPU from /proc", () => {
  it("finds a process's descendants and counts the CPU they burn", async () => {
    // A shell whose child spins for about 0.6 s of CPU, then sleeps so it can still be read.
    const shell = spawn("sh", ["-c", `node -e "const t=Date.now(); while (Date.now()-t<600); setTimeout(()=>{}, 5000)" & wait`], { stdio: "ignore" });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const tree = processTree(shell.pid!);
      expect(tree[0]).toBe(shell.pid);
      expect(tree.length).toBeGreaterThanOrEqual(2);
      const before = cpuSeconds(tree);
      await new Promise((r) => setTimeout(r, 1500));
      expect(cpuSeconds(tree) - before).toBeGreaterThan(0.2);
      expect(cpuSeconds([2 ** 22 + 1])).toBe(0);
    } finally {
      for (const pid of processTree(shell.pid!).reverse()) try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
    }
  });
});
