import { daemonSetStrategy, deploymentStrategy } from "../../harness/controllers/rollout-strategy";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { renderedPoc } from "../helpers/rendered";

const daemonSet = (rollingUpdate?: object, type = "RollingUpdate") => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "ds" },
  spec: { updateStrategy: { type, rollingUpdate } },
});
const deployment = (replicas: number, rollingUpdate?: object, type = "RollingUpdate") => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: { replicas, strategy: { type, rollingUpdate } },
});

describe("daemonSetStrategy", () => {
  it("defaults: the rendered DaemonSet surges one node at a time and never leaves a node without a pod", () => {
    expect(daemonSetStrategy(new RenderedOverlay(renderedPoc()).daemonSet, 3)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
  });

  it("takes Kubernetes' defaults (maxUnavailable 1, no surge) and rounds percentages up", () => {
    expect(daemonSetStrategy(daemonSet(), 3)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(daemonSetStrategy(daemonSet({ maxSurge: "10%", maxUnavailable: 0 }), 3)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
  });

  it("turns maxSurge 0 with maxUnavailable 0 into maxUnavailable 1, as the controller does", () => {
    expect(daemonSetStrategy(daemonSet({ maxSurge: 0, maxUnavailable: 0 }), 3)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });

  it("refuses OnDelete and a value that is no count or percentage", () => {
    expect(() => daemonSetStrategy(daemonSet(undefined, "OnDelete"), 3)).toThrow("DaemonSet ds: updateStrategy OnDelete is not modelled");
    expect(() => daemonSetStrategy(daemonSet({ maxSurge: "one" }), 3)).toThrow('"one" is neither a count nor a percentage');
  });
});

describe("deploymentStrategy", () => {
  it("defaults: the rendered nginx Deployment surges one pod and keeps both ready", () => {
    expect(deploymentStrategy(new RenderedOverlay(renderedPoc()).nginx)).toEqual({ replicas: 2, maxSurge: 1, maxUnavailable: 0 });
  });

  it("takes 25% for both by default: maxSurge rounds up, maxUnavailable down (to 1 when both would be 0)", () => {
    expect(deploymentStrategy(deployment(10))).toEqual({ replicas: 10, maxSurge: 3, maxUnavailable: 2 });
    expect(deploymentStrategy(deployment(2, { maxSurge: 0, maxUnavailable: "25%" }))).toEqual({
      replicas: 2,
      maxSurge: 0,
      maxUnavailable: 1,
    });
  });

  it("refuses Recreate", () => {
    expect(() => deploymentStrategy(deployment(2, undefined, "Recreate"))).toThrow("Deployment web: strategy Recreate is not modelled");
  });
});
