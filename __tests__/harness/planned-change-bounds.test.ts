import { HarnessInputs } from "../../harness/harness-inputs";
import {
  daemonSetRolloutBound,
  describeBound,
  haproxyPodDeletionBound,
  nginxRolloutBound,
  nodeReplacementBound,
} from "../../harness/planned-change-bounds";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { renderedPoc } from "../helpers/rendered";

/** The rendered overlay with one workload's pod spec or spec changed. */
function changed(kind: string, edit: (spec: Record<string, any>) => void): KubernetesObject[] {
  return renderedPoc().map((o) => {
    if (o.kind !== kind) return o;
    const copy = structuredClone(o) as KubernetesObject & { spec: Record<string, any> };
    edit(copy.spec);
    return copy;
  });
}

describe("planned-change bounds from the rendered configuration", () => {
  it("defaults: every planned change has bound 0", () => {
    const inputs = new HarnessInputs(renderedPoc());
    for (const b of [
      daemonSetRolloutBound(inputs, 3),
      haproxyPodDeletionBound(inputs),
      nginxRolloutBound(inputs),
      nodeReplacementBound(inputs),
    ]) {
      expect(b.bound).toBe(0);
    }
    expect(describeBound(haproxyPodDeletionBound(inputs))).toBe(
      "bound 0 (HAProxy's preStop 20 s >= the load balancer's removal of a 503 node 2 x 7 s = 14 s; " +
        "the metadata container's preStop 20 s >= HAProxy's 20 s; terminationGracePeriodSeconds 55 s > the preStop 20 s)",
    );
  });

  it("the DaemonSet's former strategy (maxUnavailable 1, no surge, no preStop) has no bound", () => {
    const objects = changed("DaemonSet", (spec) => {
      spec.updateStrategy = { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } };
      for (const c of spec.template.spec.containers) delete c.lifecycle;
    });
    const b = daemonSetRolloutBound(new HarnessInputs(objects), 3);
    expect(b.bound).toBeUndefined();
    expect(b.conditions.filter((c) => !c.holds).map((c) => c.text)).toEqual([
      "HAProxy's preStop 0 s >= the load balancer's removal of a 503 node 2 x 7 s = 14 s",
      "maxSurge 0 >= 1 and maxUnavailable 1 = 0 (no node is without a ready pod, so none leaves the load balancer)",
    ]);
  });

  it("a metadata container that stops before HAProxy, or nginx without its pause, has no bound", () => {
    const app = changed("DaemonSet", (spec) => (spec.template.spec.containers[1].lifecycle = undefined));
    expect(describeBound(haproxyPodDeletionBound(new HarnessInputs(app)))).toContain(
      "NOT the metadata container's preStop 0 s >= HAProxy's 20 s",
    );
    const nginx = changed("Deployment", (spec) => delete spec.template.spec.containers[0].lifecycle);
    expect(describeBound(nginxRolloutBound(new HarnessInputs(nginx)))).toContain(
      "NOT nginx's preStop 0 s >= HAProxy's hold valid 5 s + hold obsolete 5 s",
    );
    expect(nodeReplacementBound(new HarnessInputs(nginx)).bound).toBeUndefined();
  });
});
