import type { HttpAnswer } from "./probes";

/** The AZ a port 5000 answer names, or what was wrong with the answer ("HTTP 503", "not JSON", ...). */
export function servedZone(answer: HttpAnswer): string {
  if (answer.status !== 200) return `HTTP ${answer.status}`;
  const zone = metadataJson(answer)?.availabilityZone;
  return typeof zone === "string" ? zone : "not the metadata app's JSON";
}

/** The body as JSON, or undefined when it is not JSON. */
export function metadataJson(answer: HttpAnswer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(answer.body);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The start of a body, on one line, for a message. */
export function excerpt(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 60)}...` : line;
}

/**
 * The last line of `npm run verify`: OK when every expected AZ served port
 * 5000 and no sample failed; without expected AZs (none deployed, no --azs)
 * OK means every sample was served, and the line says the AZs were not checked.
 */
export function verdict(
  ports: readonly string[],
  served: ReadonlyMap<string, number>,
  expected?: readonly string[],
): { ok: boolean; line: string } {
  const zones = [...served.keys()].filter((zone) => /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(zone));
  const failures = [...served.keys()].filter((zone) => !zones.includes(zone));
  const missing = (expected ?? []).filter((zone) => !zones.includes(zone));
  const ok = failures.length === 0 && missing.length === 0;
  const counts = [...served.entries()]
    .sort()
    .map(([zone, count]) => `${zone} (${count})`)
    .join(", ");
  const portList = `ports ${ports.slice(0, -1).join(", ")} and ${ports.at(-1)} answer`;
  const noun = (count: number) => (count === 1 ? "AZ" : "AZs");
  const azs = expected
    ? `${expected.length - missing.length} of ${expected.length} ${noun(expected.length)} served port ${ports[1]}: ${counts}${missing.length ? `; missing: ${missing.join(", ")}` : ""}`
    : `${zones.length} ${noun(zones.length)} served port ${ports[1]}: ${counts} (expected AZs unknown: no cluster stack outputs; pass --azs to check them)`;
  return { ok, line: `${ok ? "OK" : "DEGRADED"}: ${portList}; ${azs}` };
}
