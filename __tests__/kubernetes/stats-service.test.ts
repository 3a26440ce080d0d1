import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { withStatsService } from "../../kubernetes/stats-service";
import { renderedPoc } from "../helpers/rendered";

describe("withStatsService", () => {
  // Built before each test rather than in the describe body, so that mutation testing counts the model as run by it.
  let overlay: RenderedOverlay;
  beforeEach(() => (overlay = new RenderedOverlay(renderedPoc())));

  it("leaves the stats page's Service out when no source range names who may reach it", () => {
    const applied = withStatsService(overlay, []);
    expect(applied).not.toContain(overlay.statsService);
    expect(applied).toHaveLength(overlay.objects.length - 1);
    expect(applied).toContain(overlay.mainService);
  });

  it("keeps it, and everything else, when there are source ranges", () => {
    expect(withStatsService(overlay, ["198.51.100.7/32"])).toEqual(overlay.objects);
  });
});
