import { rollDeployment } from "../../harness/controllers/deployment-rollout";

function fakePods() {
  const events: string[] = [];
  const live = new Set<string>(["old-1", "old-2"]);
  let next = 0;
  let minReady = Infinity;
  let maxPods = 0;
  const ops = {
    create: async () => {
      const pod = `new-${++next}`;
      live.add(pod);
      maxPods = Math.max(maxPods, live.size);
      events.push(`create ${pod}`);
      await Promise.resolve();
      return pod;
    },
    remove: (pod: string) => {
      live.delete(pod);
      minReady = Math.min(minReady, live.size);
      events.push(`delete ${pod}`);
      return { gone: Promise.resolve() };
    },
  };
  return { events, ops, counts: () => ({ minReady, maxPods }) };
}

describe("rollDeployment", () => {
  it("maxSurge 1, maxUnavailable 0: one pod above the replicas at most, never fewer ready than the replicas", async () => {
    const { events, ops, counts } = fakePods();
    const created = await rollDeployment(["old-1", "old-2"], { replicas: 2, maxSurge: 1, maxUnavailable: 0 }, ops);
    expect(created).toEqual(["new-1", "new-2"]);
    expect(events).toEqual(["create new-1", "delete old-1", "create new-2", "delete old-2"]);
    expect(counts()).toEqual({ minReady: 2, maxPods: 3 });
  });

  it("maxSurge 0, maxUnavailable 1: deletes first, never above the replicas", async () => {
    const { events, ops, counts } = fakePods();
    await rollDeployment(["old-1", "old-2"], { replicas: 2, maxSurge: 0, maxUnavailable: 1 }, ops);
    expect(events).toEqual(["delete old-1", "create new-1", "delete old-2", "create new-2"]);
    expect(counts()).toEqual({ minReady: 1, maxPods: 2 });
  });

  it("refuses a strategy that cannot progress", async () => {
    const { ops } = fakePods();
    await expect(rollDeployment(["old-1", "old-2"], { replicas: 2, maxSurge: 0, maxUnavailable: 0 }, ops)).rejects.toThrow(
      "the rollout cannot progress (maxSurge 0, maxUnavailable 0)",
    );
  });
});
