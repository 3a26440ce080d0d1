import { TestNetwork } from "../../harness/test-network";
import { waitFor } from "../../lib/poll";
import { run, start } from "../../lib/run";

function netnsPids(namespace: string): string[] {
  return run("ip", ["netns", "pids", namespace]).split("\n");
}

function linksOf(id: string): string[] {
  return run("ip", ["-o", "link", "show"])
    .split("\n")
    .map((line) => line.split(": ")[1]?.split("@")[0])
    .filter((name): name is string => name?.startsWith(`ep${id}`) ?? false);
}

describe("TestNetwork.destroy", () => {
  // A namespace that a process still holds outlives `ip netns del`, and with it
  // its veth pair; the kernel frees a pair only when the namespace ends. The
  // harness's stop must not depend on that timing (a CI run once found a veth end left).
  it("removes the bridge and every veth end at once, even while a process still runs in a host's namespace", async () => {
    const network = new TestNetwork();
    try {
      const host = network.addHost("held", 11);
      const inside = start("ip", ["netns", "exec", host.namespace, "sleep", "30"], { stdio: "ignore" });
      try {
        // The process holds the namespace once it has entered it (ip netns exec enters, then execs sleep: same pid).
        await waitFor(`sleep to run in ${host.namespace}`, () => netnsPids(host.namespace).includes(String(inside.pid)), 5000, 50);
        expect(linksOf(network.id).sort()).toEqual([`ep${network.id}11`, `ep${network.id}br`]);
        network.destroy();
        expect(linksOf(network.id)).toEqual([]);
      } finally {
        inside.kill("SIGKILL");
      }
    } finally {
      network.destroy();
    }
  });
});
