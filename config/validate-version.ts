import type { SettingName } from "./settings-spec";
import { EKS_CLUSTER_HOUR_PRICE, EKS_VERSION_CALENDAR, newerThanCalendar, offeredVersions, supportPhase } from "./eks-versions";
import { Problems } from "./parse-values";
import { RawSetting } from "./sources";

/** What extended support costs beside standard support, as messages and the README say it. */
export const EXTENDED_SUPPORT_PRICES = `$${EKS_CLUSTER_HOUR_PRICE.extended.toFixed(2)} per cluster-hour instead of $${EKS_CLUSTER_HOUR_PRICE.standard.toFixed(2)}`;

/**
 * Refuses a Kubernetes version EKS does not create clusters on, on `today`,
 * and a version in extended support unless `allowExtendedSupport` accepts its price,
 * from the calendar in config/eks-versions.ts. A version newer than the calendar
 * passes with a warning: the plan asks EKS (constructs/kubernetes-version-check.ts).
 */
export function checkKubernetesVersion(
  input: { kubernetesVersion: string; allowExtendedSupport: boolean },
  today: Date,
  get: (name: SettingName) => RawSetting,
  problems: Problems,
): void {
  const day = today.toISOString().slice(0, 10);
  const allowed = `allowed on ${day}: ${offeredVersions(today).join(", ")}`;
  const found = supportPhase(input.kubernetesVersion, today);
  if (!/^\d+\.\d+$/.test(input.kubernetesVersion)) {
    problems.add(get("kubernetesVersion"), `is not a minor version such as 1.35; ${allowed}`);
  } else if (!found && newerThanCalendar(input.kubernetesVersion)) {
    const newest = EKS_VERSION_CALENDAR[EKS_VERSION_CALENDAR.length - 1].version;
    problems.warn(
      get("kubernetesVersion"),
      `is newer than config/eks-versions.ts knows (${newest}): the plan asks EKS whether it offers it (DescribeClusterVersions)`,
    );
  } else if (!found) {
    problems.add(get("kubernetesVersion"), `is not a version EKS offers; ${allowed}`);
  } else if (found.phase === "not-released") {
    problems.add(get("kubernetesVersion"), `is released on EKS on ${found.entry.released}; ${allowed}`);
  } else if (found.phase === "ended") {
    problems.add(
      get("kubernetesVersion"),
      `its EKS extended support ended on ${found.entry.endOfExtendedSupport} and EKS creates no cluster on it; ${allowed}`,
    );
  } else if (found.phase === "extended" && !input.allowExtendedSupport) {
    problems.add(
      get("kubernetesVersion"),
      `is in EKS extended support (standard support ended ${found.entry.endOfStandardSupport}, extended support ends ${found.entry.endOfExtendedSupport}), ` +
        `which costs ${EXTENDED_SUPPORT_PRICES}; set allowExtendedSupport to true to pay that, or choose a version in standard support`,
    );
  }
}
