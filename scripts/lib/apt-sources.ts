import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** One source of apt's sources, in either format: `deb URI SUITE COMPONENT...` lines, or a deb822 `.sources` stanza. */
export interface AptSource {
  readonly types: readonly string[];
  readonly uris: readonly string[];
  readonly suites: readonly string[];
  readonly components: readonly string[];
}

/** Debian's names for its releases besides their codenames; sid's packages are in any archive that carries these. */
const DEBIAN_SUITE_ALIASES = ["oldstable", "stable", "testing", "unstable", "sid"];

/** The one-line style of sources.list(5): `deb [options] URI suite [component ...]`; `#` starts a comment. */
export function parseOneLineSources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const rawLine of text.split("\n")) {
    const line = rawLine
      .replace(/#.*/, "")
      .replace(/\[[^\]]*\]/, " ")
      .trim();
    const [type, uri, suite, ...components] = line.split(/\s+/);
    if (!type || !uri || !suite) continue;
    sources.push({ types: [type], uris: [uri], suites: [suite], components });
  }
  return sources;
}

/**
 * The deb822 style of sources.list(5) (`.sources` files): stanzas parted by
 * blank lines, `Field: value` with continuation lines that start with white
 * space, comment lines starting with `#`; `Enabled: no` turns a stanza off.
 */
export function parseDeb822Sources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of stanza.split("\n")) {
      if (line.startsWith("#") || line.trim() === "") continue;
      if (/^\s/.test(line) && last) {
        fields.set(last, `${fields.get(last)} ${line.trim()}`);
        continue;
      }
      const match = /^([^:\s]+):\s*(.*)$/.exec(line);
      if (!match) continue;
      last = match[1].toLowerCase();
      fields.set(last, match[2].trim());
    }
    const list = (name: string) => (fields.get(name) ?? "").split(/\s+/).filter(Boolean);
    if (fields.get("enabled")?.toLowerCase() === "no" || list("uris").length === 0) continue;
    sources.push({ types: list("types"), uris: list("uris"), suites: list("suites"), components: list("components") });
  }
  return sources;
}

/** apt's source files: the list file, then the parts folder's `*.list` and `*.sources` (apt ignores other names), in name order. */
export function readSourceFiles(listFile: string, partsDir: string): Array<{ file: string; sources: AptSource[] }> {
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  };
  let parts: string[] = [];
  try {
    parts = readdirSync(partsDir)
      .filter((name) => /^[\w.-]+\.(list|sources)$/.test(name))
      .sort();
  } catch {
    // No parts folder: only the list file.
  }
  return [listFile, ...parts.map((name) => join(partsDir, name))].flatMap((file) => {
    const text = read(file);
    if (text === undefined) return [];
    return [{ file, sources: file.endsWith(".sources") ? parseDeb822Sources(text) : parseOneLineSources(text) }];
  });
}

/**
 * The URI of the system's Debian archive: a binary (`deb`) source of the
 * `main` component for this release's codename or one of Debian's release
 * names. Security, updates and third-party archives have other suites.
 */
export function debianArchiveUri(sources: readonly AptSource[], codename: string | undefined): string | undefined {
  const suites = new Set([...(codename ? [codename] : []), ...DEBIAN_SUITE_ALIASES]);
  const source = sources.find(
    (s) =>
      s.types.includes("deb") &&
      s.components.includes("main") &&
      s.suites.some((suite) => suites.has(suite)) &&
      s.uris.some((uri) => !uri.startsWith("cdrom:")),
  );
  return source?.uris.find((uri) => !uri.startsWith("cdrom:"));
}

/** VERSION_CODENAME of an os-release(5) text. */
export function osReleaseCodename(text: string): string | undefined {
  return /^VERSION_CODENAME=["']?([^"'\n]*)/m.exec(text)?.[1] || undefined;
}
