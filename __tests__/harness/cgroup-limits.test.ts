import { containerLimits, inCgroups, limitFiles, parseBytes, parseCpuMillis } from "../../harness/cgroup-limits";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { renderedPoc } from "../helpers/rendered";

describe("the containers' limits", () => {
  it("the rendered HAProxy and metadata containers: 1 CPU and 256Mi, 500m and 128Mi", () => {
    const overlay = new RenderedOverlay(renderedPoc());
    expect(containerLimits(overlay.haproxyContainer)).toEqual({ cpuMillis: 1000, memoryBytes: 256 * 2 ** 20 });
    expect(containerLimits(overlay.app.container)).toEqual({ cpuMillis: 500, memoryBytes: 128 * 2 ** 20 });
    expect(containerLimits({ name: "none" })).toEqual({ cpuMillis: undefined, memoryBytes: undefined });
  });

  it("parses Kubernetes quantities and refuses what it does not model", () => {
    expect([parseBytes("8Mi"), parseBytes("1G"), parseBytes(1024), parseBytes("2Ki")]).toEqual([8 * 2 ** 20, 1e9, 1024, 2048]);
    expect([parseCpuMillis("250m"), parseCpuMillis("0.5"), parseCpuMillis(2)]).toEqual([250, 500, 2000]);
    expect(() => parseBytes("1.5Gi")).toThrow('memory quantity "1.5Gi" is not modelled');
    expect(() => parseCpuMillis("1k")).toThrow('CPU quantity "1k" is not modelled');
  });

  it("writes cgroup v2's memory.max and cpu.max, or v1's limit and CFS quota", () => {
    const limits = { cpuMillis: 500, memoryBytes: 1024 };
    expect(limitFiles(limits, 2)).toEqual([
      { controller: "memory", file: "memory.max", value: "1024" },
      { controller: "cpu", file: "cpu.max", value: "50000 100000" },
    ]);
    expect(limitFiles(limits, 1)).toEqual([
      { controller: "memory", file: "memory.limit_in_bytes", value: "1024" },
      { controller: "cpu", file: "cpu.cfs_period_us", value: "100000" },
      { controller: "cpu", file: "cpu.cfs_quota_us", value: "50000" },
    ]);
  });

  it("starts a program through a shell that joins the groups first, then execs it", () => {
    expect(inCgroups(["/a/cgroup.procs", "/b/cgroup.procs"], "haproxy", ["-f", "x"])).toEqual({
      command: "sh",
      args: [
        "-c",
        'echo $$ > "${1}"; echo $$ > "${2}"; shift 2; exec "$@"',
        "sh",
        "/a/cgroup.procs",
        "/b/cgroup.procs",
        "haproxy",
        "-f",
        "x",
      ],
    });
  });
});
