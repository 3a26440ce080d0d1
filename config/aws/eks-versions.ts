/** One Kubernetes minor version on EKS and its support window. Dates are UTC days, as the calendar gives them. */
export interface EksVersion {
  readonly version: string;
  /** The day EKS released it. */
  readonly released: string;
  /** The last day of standard support; from the next day the version bills at the extended price. */
  readonly endOfStandardSupport: string;
  /** The last day of extended support; from the next day EKS creates no new cluster on the version. */
  readonly endOfExtendedSupport: string;
}

/**
 * The EKS Kubernetes release calendar ("Understand the Kubernetes version
 * lifecycle on EKS" in the EKS user guide). Standard support lasts 14 months
 * from the EKS release, extended support 12 more. Add a row when EKS releases
 * a version; keep ended rows so that a refusal can say when support ended.
 */
export const EKS_VERSION_CALENDAR: readonly EksVersion[] = [
  { version: "1.29", released: "2024-01-23", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23" },
  { version: "1.30", released: "2024-05-23", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23" },
  { version: "1.31", released: "2024-09-26", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
  { version: "1.32", released: "2025-01-23", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
  { version: "1.33", released: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
  { version: "1.34", released: "2025-10-02", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
  { version: "1.35", released: "2026-01-27", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
  { version: "1.36", released: "2026-06-02", endOfStandardSupport: "2027-08-02", endOfExtendedSupport: "2028-08-02" },
];

/** EKS control-plane price per cluster-hour in USD (EKS pricing page; the same in every commercial region). */
export const EKS_CLUSTER_HOUR_PRICE = { standard: 0.1, extended: 0.6 } as const;

export type SupportPhase = "not-released" | "standard" | "extended" | "ended";

/** Where `version` stands on `today` (compared as UTC days), or undefined when EKS has never offered it. */
export function supportPhase(version: string, today: Date): { entry: EksVersion; phase: SupportPhase } | undefined {
  const entry = EKS_VERSION_CALENDAR.find((row) => row.version === version);
  return entry && { entry, phase: phaseOn(entry, today) };
}

/**
 * The EKS user guide: a version "past the end of standard support date" enters extended support, so the end
 * date itself is still a day of standard support; likewise for the end of extended support.
 */
function phaseOn(entry: EksVersion, today: Date): SupportPhase {
  const day = today.toISOString().slice(0, 10);
  return day < entry.released
    ? "not-released"
    : day <= entry.endOfStandardSupport
      ? "standard"
      : day <= entry.endOfExtendedSupport
        ? "extended"
        : "ended";
}

/** Whether `version` is a 1.x minor newer than every row of the calendar: one EKS may offer since the table was written. */
export function newerThanCalendar(version: string): boolean {
  const minor = (row: string): number => Number(row.split(".")[1]);
  const newest = EKS_VERSION_CALENDAR[EKS_VERSION_CALENDAR.length - 1].version;
  return /^1\.\d+$/.test(version) && minor(version) > minor(newest);
}

/** The versions EKS creates clusters on, on `today`. */
export function offeredVersions(today: Date): string[] {
  return EKS_VERSION_CALENDAR.filter((row) => ["standard", "extended"].includes(phaseOn(row, today))).map((row) => row.version);
}
