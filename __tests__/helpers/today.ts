/** The day of synth the tests assume, so that what EKS offers does not change under them with the calendar. */
export const TODAY = new Date("2026-11-24T12:00:00Z");
