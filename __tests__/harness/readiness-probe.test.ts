import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { readinessFailureWindowSeconds, readinessProbe, ReadinessState } from "../../harness/kube-proxy/readiness-probe";
import { renderedPoc } from "../helpers/rendered";

describe("readinessProbe", () => {
  it("applies the Kubernetes API's defaults and resolves a named port", () => {
    const container = {
      name: "web",
      ports: [{ name: "health", containerPort: 8404 }],
      readinessProbe: { httpGet: { path: "/ready", port: "health" } },
    };
    expect(readinessProbe(container)).toEqual({
      path: "/ready",
      port: 8404,
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it("keeps declared timing", () => {
    const container = {
      name: "web",
      readinessProbe: { httpGet: { port: 81 }, periodSeconds: 2, timeoutSeconds: 3, successThreshold: 2, failureThreshold: 4 },
    };
    expect(readinessProbe(container)).toEqual({
      path: "/",
      port: 81,
      periodSeconds: 2,
      timeoutSeconds: 3,
      successThreshold: 2,
      failureThreshold: 4,
    });
  });

  it("refuses a probe without httpGet and a port name the container lacks", () => {
    expect(() => readinessProbe({ name: "web" })).toThrow("container web has no httpGet readiness probe");
    expect(() => readinessProbe({ name: "web", ports: [], readinessProbe: { httpGet: { port: "health" } } })).toThrow(
      "container web: readiness probe port health names no container port",
    );
  });

  it("reads the HAProxy container of the rendered DaemonSet", () => {
    const haproxy = new RenderedOverlay(renderedPoc()).haproxyContainer;
    expect(readinessProbe(haproxy)).toMatchObject({ path: "/healthz", port: 8404 });
  });

  it("bounds the time to not-ready by failure threshold x period", () => {
    expect(
      readinessFailureWindowSeconds({ path: "/", port: 1, periodSeconds: 2, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 }),
    ).toBe(6);
  });
});

describe("ReadinessState", () => {
  it("starts not ready and becomes ready after successThreshold consecutive successes", () => {
    const state = new ReadinessState({ successThreshold: 2, failureThreshold: 3 });
    expect(state.ready).toBe(false);
    expect(state.record(true)).toBe(false);
    expect(state.record(false)).toBe(false);
    expect(state.record(true)).toBe(false);
    expect(state.record(true)).toBe(true);
    expect(state.ready).toBe(true);
  });

  it("becomes not ready only after failureThreshold consecutive failures", () => {
    const state = new ReadinessState({ successThreshold: 1, failureThreshold: 2 });
    state.record(true);
    expect(state.record(false)).toBe(false);
    expect(state.record(true)).toBe(false);
    expect(state.record(false)).toBe(false);
    expect(state.ready).toBe(true);
    expect(state.record(false)).toBe(true);
    expect(state.ready).toBe(false);
  });
});
