import { loadSettings } from "../../config/load-settings";

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
