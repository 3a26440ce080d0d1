import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** A link that leads nowhere: the file it is in, the target as written, and why. */
export interface BrokenLink {
  readonly file: string;
  readonly target: string;
  readonly reason: string;
}

/** The markdown outside fenced code blocks and inline code, where `[text](target)` is a link and `#` starts a heading. */
function prose(markdown: string): string[] {
  let fenced = false;
  const lines: string[] = [];
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) lines.push(line.replace(/`[^`]*`/g, (code) => code.replace(/[[\]()#]/g, "")));
  }
  return lines;
}

/**
 * The anchors GitHub gives a page's headings: the heading's text, links reduced to their text, lowercased, without
 * punctuation, spaces as hyphens; a repeated anchor gets -1, -2 (github/cmark-gfm's autolink extension does the same).
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every relative link of `files` (absolute paths) whose file, or whose anchor in a markdown file, does not exist. */
export function brokenLinks(files: readonly string[], root: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const line of prose(text)) {
      for (const [, target] of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const [path, anchor] = target.split("#", 2);
        const resolved = path === "" ? file : join(dirname(file), decodeURIComponent(path));
        const where = relative(root, file);
        if (!existsSync(resolved)) broken.push({ file: where, target, reason: "no such file" });
        else if (anchor !== undefined && resolved.endsWith(".md") && statSync(resolved).isFile()) {
          if (!headingAnchors(readFileSync(resolved, "utf8")).has(anchor)) broken.push({ file: where, target, reason: "no such heading" });
        }
      }
    }
  }
  return broken;
}
