import { once } from "node:events";
import { waitFor } from "../../lib/poll";
import { start } from "../../lib/run";
import { cpuSeconds, processTree } from "../../scripts/lib/process-cpu";

/**
 * The child spins until its own CPU time (process.cpuUsage) reaches 0.6 s, so
 * the amount of CPU it burns does not depend on how loaded the machine is.
 */
const SPINNER = `
process.stdin.once("data", () => {
  const start = process.cpuUsage();
  while (true) { const used = process.cpuUsage(start); if (used.user + used.system >= 600000) break; }
  process.stdout.write("done\\n");
  setTimeout(() => {}, 30000);
});`;

describe("process CPU from /proc", () => {
  it("finds a process's descendants and counts the CPU they burn", async () => {
    // "; true" keeps the shell from exec'ing node, so the tree has a parent and a child.
    const shell = start("sh", ["-c", `${JSON.stringify(process.execPath)} -e '${SPINNER}'; true`], { stdio: ["pipe", "pipe", "ignore"] });
    try {
      // The shell has forked node once the spinner's pid shows under it.
      await waitFor("the spinner's node under the shell", () => processTree(shell.pid!).length >= 2, 5000, 50);
      const tree = processTree(shell.pid!);
      expect(tree[0]).toBe(shell.pid);
      expect(tree.length).toBeGreaterThanOrEqual(2);
      const before = cpuSeconds(tree);
      shell.stdin.write("go\n");
      await once(shell.stdout, "data");
      expect(cpuSeconds(tree) - before).toBeGreaterThanOrEqual(0.55);
      expect(cpuSeconds([2 ** 22 + 1])).toBe(0);
    } finally {
      for (const pid of processTree(shell.pid!).reverse())
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          /* gone */
        }
    }
  }, 60_000);
});
