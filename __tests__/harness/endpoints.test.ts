import type { Endpoint } from "../../harness/kube-proxy/endpoints";
import { endpointOf, localReadyEndpoints, usableEndpoints } from "../../harness/kube-proxy/endpoints";

const pod = (address: string, nodeName: string, ready: boolean, terminating = false) =>
  endpointOf({ address, nodeName, ready, terminating });

describe("endpointOf (the EndpointSlice controller's conditions)", () => {
  it("a ready pod is ready and serving; once deleted it is serving and terminating, no longer ready", () => {
    expect(pod("10.0.0.1", "n1", true)).toEqual({ address: "10.0.0.1", nodeName: "n1", ready: true, serving: true, terminating: false });
    expect(pod("10.0.0.1", "n1", true, true)).toMatchObject({ ready: false, serving: true, terminating: true });
    expect(pod("10.0.0.1", "n1", false, true)).toMatchObject({ ready: false, serving: false, terminating: true });
  });
});

describe("usableEndpoints (kube-proxy's CategorizeEndpoints)", () => {
  const endpoints: Endpoint[] = [pod("a", "n1", true, true), pod("b", "n1", true), pod("c", "n2", true), pod("d", "n2", false)];

  it("Local: this node's ready endpoints, never another node's", () => {
    expect(usableEndpoints(endpoints, "Local", "n1").map((e) => e.address)).toEqual(["b"]);
    expect(usableEndpoints(endpoints, "Local", "n3")).toEqual([]);
  });

  it("Local: this node's serving terminating endpoints when it has no ready one, and nothing not serving", () => {
    const draining = [pod("a", "n1", true, true), pod("e", "n1", false, true), pod("c", "n2", true)];
    expect(usableEndpoints(draining, "Local", "n1").map((e) => e.address)).toEqual(["a"]);
  });

  it("Cluster: every ready endpoint; serving terminating ones only when none is ready anywhere", () => {
    expect(usableEndpoints(endpoints, "Cluster", "n1").map((e) => e.address)).toEqual(["b", "c"]);
    expect(usableEndpoints([pod("a", "n1", true, true), pod("d", "n2", false)], "Cluster", "n2").map((e) => e.address)).toEqual(["a"]);
  });
});

describe("localReadyEndpoints (what healthCheckNodePort counts)", () => {
  it("counts this node's ready endpoints by address, never terminating ones even while they serve", () => {
    expect(localReadyEndpoints([pod("a", "n1", true), pod("a", "n1", true), pod("b", "n1", true, true), pod("c", "n2", true)], "n1")).toBe(
      1,
    );
    expect(localReadyEndpoints([pod("b", "n1", true, true)], "n1")).toBe(0);
  });
});
