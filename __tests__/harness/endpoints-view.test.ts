import { EndpointsView } from "../../harness/kube-proxy/endpoints-view";

describe("EndpointsView", () => {
  it("follows each node's reported readiness", () => {
    const view = new EndpointsView(40_000);
    expect(view.ready("node1", 0)).toBe(false);
    view.report("node1", true, 0);
    expect(view.ready("node1", 1000)).toBe(true);
    view.report("node1", false, 2000);
    expect(view.ready("node1", 2000)).toBe(false);
  });

  it("keeps a silent node's pod ready until the grace period has passed since its last report", () => {
    const view = new EndpointsView(40_000);
    view.report("node2", true, 10_000);
    expect(view.ready("node2", 49_999)).toBe(true);
    expect(view.ready("node2", 50_000)).toBe(false);
  });
});
