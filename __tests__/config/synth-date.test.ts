import { loadSettings } from "../../config/load-settings";
import { Problems } from "../../config/parse-values";
import { synthDate } from "../../config/synth-date";

/** Problems of settings judged on the day the environment names (no `today` given, as main.ts calls it). */
function problemsOn(env: Record<string, string>): string[] {
  try {
    loadSettings({}, { EKS_POC_AZS: "us-east-1a,us-east-1b,us-east-1c", ...env });
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
  return [];
}

describe("EKS_POC_SYNTH_DATE", () => {
  it("judges the settings as on that day", () => {
    expect(problemsOn({ EKS_POC_SYNTH_DATE: "2026-11-24" })).toEqual([]);
    expect(problemsOn({ EKS_POC_SYNTH_DATE: "2027-04-01" })).toEqual([
      expect.stringMatching(/^kubernetesVersion = "1\.35" \(from default\): .*standard support/),
    ]);
  });

  it.each(["2027-02-30", "27-01-01", "2027-1-1", "tomorrow"])("refuses %s in one line", (value) => {
    expect(problemsOn({ EKS_POC_SYNTH_DATE: value })).toEqual([
      `EKS_POC_SYNTH_DATE = "${value}" (from the environment): not a day of the calendar; allowed: YYYY-MM-DD, to synthesize as on that day`,
    ]);
  });
});

describe("synthDate", () => {
  it("is now when the variable is unset or empty, without a problem", () => {
    const problems = new Problems();
    for (const env of [{}, { EKS_POC_SYNTH_DATE: "" }]) {
      const before = Date.now();
      const day = synthDate(env, problems).getTime();
      expect(day).toBeGreaterThanOrEqual(before);
      expect(day).toBeLessThanOrEqual(Date.now());
    }
    expect(problems.lines).toEqual([]);
  });

  it("is noon UTC of the day named", () => {
    expect(synthDate({ EKS_POC_SYNTH_DATE: "2027-03-01" }, new Problems()).toISOString()).toBe("2027-03-01T12:00:00.000Z");
  });

  it.each(["x2027-03-01", "2027-03-01x", "+02027-03-01", "2027-03-01T00:00"])("refuses %s, which Date would read", (value) => {
    const problems = new Problems();
    synthDate({ EKS_POC_SYNTH_DATE: value }, problems);
    expect(problems.lines).toHaveLength(1);
  });
});
