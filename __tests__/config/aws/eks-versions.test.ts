import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../../lib/project-root";
import { EKS_CLUSTER_HOUR_PRICE, EKS_VERSION_CALENDAR, offeredVersions, supportPhase } from "../../../config/aws/eks-versions";

/** `date` plus `months`, as the calendar counts: same day of the month. */
function addMonths(date: string, months: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCMonth(day.getUTCMonth() + months);
  return day.toISOString().slice(0, 10);
}

describe("the EKS version calendar", () => {
  it("gives every version 14 months of standard and 12 of extended support, as the EKS user guide says", () => {
    for (const row of EKS_VERSION_CALENDAR) {
      expect([row.version, row.endOfStandardSupport, row.endOfExtendedSupport]).toEqual([
        row.version,
        addMonths(row.released, 14),
        addMonths(row.endOfStandardSupport, 12),
      ]);
    }
  });

  it("lists the versions in release order", () => {
    const released = EKS_VERSION_CALENDAR.map((row) => row.released);
    expect(released).toEqual([...released].sort());
  });

  it("keeps a version in standard support on its end date and in extended support on its last day (past the date, the EKS guide)", () => {
    expect(supportPhase("1.31", new Date("2025-11-26T23:59:59Z"))?.phase).toBe("standard");
    expect(supportPhase("1.31", new Date("2025-11-27T00:00:00Z"))?.phase).toBe("extended");
    expect(supportPhase("1.31", new Date("2026-11-26T23:59:59Z"))?.phase).toBe("extended");
    expect(supportPhase("1.31", new Date("2026-11-27T00:00:00Z"))?.phase).toBe("ended");
    expect(supportPhase("1.34", new Date("2026-12-02T12:00:00Z"))?.phase).toBe("standard");
    expect(supportPhase("1.28", new Date("2026-11-24T00:00:00Z"))).toBeUndefined();
  });

  it("offers on 2026-11-24 the six versions from 1.31, three of them in extended support", () => {
    const today = new Date("2026-11-24T12:00:00Z");
    expect(offeredVersions(today)).toEqual(["1.31", "1.32", "1.33", "1.34", "1.35", "1.36"]);
    expect(offeredVersions(today).filter((version) => supportPhase(version, today)!.phase === "extended")).toEqual([
      "1.31",
      "1.32",
      "1.33",
    ]);
  });

  it("has the prices the README's cost table shows", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    expect(readme).toMatch(
      new RegExp(`\\| EKS control plane \\(standard support[^|]*\\| \\$${EKS_CLUSTER_HOUR_PRICE.standard.toFixed(2)} \\|`),
    );
    expect(readme).toMatch(
      new RegExp(`\\| a version in extended support[^|]*\\| \\$${EKS_CLUSTER_HOUR_PRICE.extended.toFixed(2)} for the control plane \\|`),
    );
  });
});

describe("supportPhase on a release day", () => {
  it("is standard from the first minute of the day EKS releases the version", () => {
    const row = EKS_VERSION_CALENDAR.find((r) => r.version === "1.35");
    expect(supportPhase("1.35", new Date(`${row?.released}T00:00:00Z`))?.phase).toBe("standard");
  });
});
