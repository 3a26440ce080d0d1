import { disruptionsAllowed, drainNode } from "../../harness/controllers/node-drain";
import { findObject } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { renderedPoc } from "../helpers/rendered";
import { sleep } from "../../lib/poll";

const budget = (minAvailable: number | string) => ({
  apiVersion: "policy/v1",
  kind: "PodDisruptionBudget",
  metadata: { name: "web" },
  spec: { minAvailable },
});

describe("disruptionsAllowed", () => {
  it("the rendered nginx budget lets one of two healthy replicas go, none of one", () => {
    const pdb = findObject(renderedPoc(), "PodDisruptionBudget", new RenderedOverlay(renderedPoc()).nginx.metadata.name);
    expect([disruptionsAllowed(pdb, 2), disruptionsAllowed(pdb, 1), disruptionsAllowed(pdb, 0)]).toEqual([1, 0, 0]);
  });

  it("refuses a percentage, which it does not model", () => {
    expect(() => disruptionsAllowed(budget("50%"), 2)).toThrow(
      "PodDisruptionBudget web: only a numeric minAvailable is modelled (got 50%)",
    );
  });
});

describe("drainNode", () => {
  it("evicts one pod at a time, each only once the budget allows it again", async () => {
    let healthy = 2;
    const events: string[] = [];
    const drain = drainNode(
      ["a", "b"],
      budget(1),
      {
        healthyPods: () => healthy,
        evict: (pod) => {
          events.push(`evict ${pod}`);
          healthy--;
          // The replacement becomes ready a little later.
          setTimeout(() => {
            events.push(`replacement of ${pod} ready`);
            healthy++;
          }, 50);
        },
        gone: () => true,
      },
      5000,
      10,
    );
    await drain;
    expect(events).toEqual(["evict a", "replacement of a ready", "evict b"]);
  });

  it("gives up when the budget never allows an eviction", async () => {
    await expect(drainNode(["a"], budget(1), { healthyPods: () => 1, evict: () => undefined, gone: () => true }, 100, 10)).rejects.toThrow(
      "the PodDisruptionBudget to allow an eviction",
    );
  });

  it("resolves only once every evicted pod is gone, not when its eviction is accepted", async () => {
    const gone = new Set<string>();
    let resolved = false;
    const drain = drainNode(
      ["a", "b"],
      budget(0),
      {
        healthyPods: () => 2,
        evict: (pod) => setTimeout(() => gone.add(pod), pod === "a" ? 30 : 120),
        gone: (pod) => gone.has(pod),
      },
      5000,
      10,
    ).then(() => (resolved = true));
    await sleep(60);
    expect([resolved, gone.has("a"), gone.has("b")]).toEqual([false, true, false]);
    await drain;
    expect(gone.has("b")).toBe(true);
  });

  it("gives up when an evicted pod never goes", async () => {
    await expect(drainNode(["a"], budget(0), { healthyPods: () => 1, evict: () => undefined, gone: () => false }, 100, 10)).rejects.toThrow(
      "an evicted pod to be gone",
    );
  });
});
