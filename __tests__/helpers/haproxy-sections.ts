/** One section of an HAProxy configuration: its keyword, its name (empty for global and an unnamed defaults) and its lines. */
export interface HaproxySection {
  readonly kind: string;
  readonly name: string;
  /** The section's keyword lines, trimmed, without comments or blank lines. */
  readonly lines: readonly string[];
}

/** Keywords that open a section (HAProxy Configuration Manual, "Configuration file format"). */
const SECTION_KEYWORDS = new Set([
  "global",
  "defaults",
  "frontend",
  "backend",
  "listen",
  "resolvers",
  "peers",
  "userlist",
  "mailers",
  "program",
  "http-errors",
  "ring",
  "cache",
  "log-forward",
  "crt-store",
  "traces",
]);

/**
 * haproxy.cfg cut into its sections, so that a test asserts a keyword in the section it must be in rather than
 * anywhere in the file. A line outside any section is an error: the file would not parse either.
 */
export function haproxySections(config: string): HaproxySection[] {
  const sections: Array<{ kind: string; name: string; lines: string[] }> = [];
  for (const raw of config.split("\n")) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const [keyword, name = ""] = line.split(/\s+/);
    if (SECTION_KEYWORDS.has(keyword) && !/^\s/.test(raw)) {
      sections.push({ kind: keyword, name, lines: [] });
    } else if (sections.length === 0) {
      throw new Error(`haproxy.cfg: "${line}" is outside any section`);
    } else {
      sections[sections.length - 1].lines.push(line);
    }
  }
  return sections;
}

/** The one section of this kind and name; throws when there is none or more than one. */
export function haproxySection(config: string, kind: string, name = ""): HaproxySection {
  const found = haproxySections(config).filter((section) => section.kind === kind && section.name === name);
  if (found.length !== 1) throw new Error(`haproxy.cfg has ${found.length} sections "${kind} ${name}", not one`);
  return found[0];
}
