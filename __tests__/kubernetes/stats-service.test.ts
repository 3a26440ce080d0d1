import { findObject } from "../../kubernetes/kubernetes-object";
import { findStatsService, withStatsService } from "../../kubernetes/stats-service";
import { renderedPoc } from "../helpers/rendered";

describe("withStatsService", () => {
  const objects = renderedPoc();
  const stats = findStatsService(objects);

  it("leaves the stats page's Service out when no source range names who may reach it", () => {
    const applied = withStatsService(objects, []);
    expect(applied).not.toContain(stats);
    expect(applied).toHaveLength(objects.length - 1);
    expect(applied).toContain(findObject(objects, "Service", "haproxy"));
  });

  it("keeps it, and everything else, when there are source ranges", () => {
    expect(withStatsService(objects, ["198.51.100.7/32"])).toEqual(objects);
  });

  it("finds the Service of port 9000 only", () => {
    expect(stats.spec.ports.map((p: { port: number }) => p.port)).toEqual([9000]);
  });
});
