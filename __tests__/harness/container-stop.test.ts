import { containerStop, stopSchedule } from "../../harness/controllers/container-stop";
import { findContainer } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { renderedPoc } from "../helpers/rendered";

describe("containerStop", () => {
  it("the rendered containers: their images' stop signals and their preStop pauses", () => {
    const overlay = new RenderedOverlay(renderedPoc());
    expect(containerStop(overlay.haproxyContainer)).toEqual({ preStopSeconds: 20, signal: "SIGUSR1" });
    expect(containerStop(overlay.app.container)).toEqual({ preStopSeconds: 20, signal: "SIGTERM" });
    expect(containerStop(findContainer(overlay.nginx, "nginx"))).toEqual({ preStopSeconds: 15, signal: "SIGQUIT" });
  });

  it("reads the repository behind a registry, a tag and a digest; no hook is no pause", () => {
    expect(containerStop({ name: "h", image: "registry.example:5000/haproxy:3.2.9@sha256:00" })).toEqual({
      preStopSeconds: 0,
      signal: "SIGUSR1",
    });
  });

  it("refuses an image whose stop signal it does not know, and a hook other than sleep", () => {
    expect(() => containerStop({ name: "x", image: "busybox:1" })).toThrow("container x: no stop signal known for image busybox:1");
    expect(() => containerStop({ name: "h", image: "haproxy:3.2", lifecycle: { preStop: { exec: { command: ["sleep", "5"] } } } })).toThrow(
      "container h: only a preStop sleep is modelled",
    );
  });
});

describe("stopSchedule (the kubelet's killContainer)", () => {
  it("signals after the preStop pause and kills at the end of the grace period", () => {
    expect(stopSchedule({ preStopSeconds: 20, signal: "SIGUSR1" }, 55)).toEqual({ signalAfterMs: 20_000, killAfterMs: 55_000 });
  });

  it("cuts a pause longer than the grace period short and still leaves 2 s before SIGKILL", () => {
    expect(stopSchedule({ preStopSeconds: 40, signal: "SIGTERM" }, 30)).toEqual({ signalAfterMs: 30_000, killAfterMs: 32_000 });
    expect(stopSchedule({ preStopSeconds: 0, signal: "SIGTERM" }, 0)).toEqual({ signalAfterMs: 0, killAfterMs: 2000 });
  });
});
