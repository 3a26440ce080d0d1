import { Problems } from "./parse-values";

/**
 * Not a setting: synthesize as on that day (YYYY-MM-DD), for what EKS offers
 * then. Tests set it so that the calendar does not change their outcome.
 */
export const SYNTH_DATE_VARIABLE = "EKS_POC_SYNTH_DATE";

/** The day settings are judged on: noon UTC of EKS_POC_SYNTH_DATE when set, else now. */
export function synthDate(env: Readonly<Record<string, string | undefined>>, problems: Problems): Date {
  const value = env[SYNTH_DATE_VARIABLE];
  if (value === undefined || value === "") return new Date();
  const day = new Date(`${value}T12:00:00Z`);
  // A day of the calendar, written YYYY-MM-DD, is exactly what comes back from the Date it makes (2027-02-30 comes back as
  // 2027-03-02, +02027-01-01 as 2027-01-01; an invalid Date has no ISO string).
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    problems.addLine(
      `${SYNTH_DATE_VARIABLE} = ${JSON.stringify(value)} (from the environment): not a day of the calendar; ` +
        "allowed: YYYY-MM-DD, to synthesize as on that day",
    );
    return new Date();
  }
  return day;
}
