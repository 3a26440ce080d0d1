import { rollDaemonSet } from "../../harness/controllers/daemon-set-rollout";

/** Pods that become ready and go away when the test says, recording every step in order. */
function fakeCluster() {
  const events: string[] = [];
  let created = 0;
  const ops = {
    create: async (node: string) => {
      const pod = `new-${node}`;
      events.push(`create ${pod}`);
      created++;
      await Promise.resolve();
      events.push(`ready ${pod}`);
      return pod;
    },
    remove: (pod: string) => {
      events.push(`delete ${pod}`);
      return { gone: Promise.resolve().then(() => void events.push(`gone ${pod}`)) };
    },
  };
  return { events, ops, created: () => created };
}

const OLD = ["n1", "n2", "n3"].map((node) => ({ node, pod: `old-${node}` }));

describe("rollDaemonSet", () => {
  it("with maxSurge 1: a new pod beside the old one, the old one deleted once the new one is ready, node after node", async () => {
    const { events, ops } = fakeCluster();
    await rollDaemonSet(OLD, { maxSurge: 1, maxUnavailable: 0 }, ops);
    const order = (e: string) => events.indexOf(e);
    for (const node of ["n1", "n2", "n3"]) {
      expect(order(`ready new-${node}`)).toBeLessThan(order(`delete old-${node}`));
    }
    // The next node starts once the previous old pod is deleted, without waiting for it to be gone.
    expect(order("delete old-n1")).toBeLessThan(order("create new-n2"));
    expect(events.filter((e) => e.startsWith("gone"))).toHaveLength(3);
  });

  it("without surge: the old pod goes first, the new one is created once it is gone, maxUnavailable nodes at once", async () => {
    const { events, ops } = fakeCluster();
    await rollDaemonSet(OLD, { maxSurge: 0, maxUnavailable: 2 }, ops);
    const order = (e: string) => events.indexOf(e);
    for (const node of ["n1", "n2", "n3"]) expect(order(`gone old-${node}`)).toBeLessThan(order(`create new-${node}`));
    expect(events.slice(0, 2)).toEqual(["delete old-n1", "delete old-n2"]);
  });

  it("with maxSurge 2: two nodes surge at once", async () => {
    const { events, ops } = fakeCluster();
    await rollDaemonSet(OLD, { maxSurge: 2, maxUnavailable: 0 }, ops);
    expect(events.slice(0, 2)).toEqual(["create new-n1", "create new-n2"]);
  });
});
