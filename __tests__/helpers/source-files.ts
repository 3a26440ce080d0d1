import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

/** Folders of installed, generated or tool output, not the project's own sources. */
const NOT_SOURCES = new Set(["node_modules", "cdktf.out", "dist", "coverage", "reports", ".terraform", ".gen", "generated"]);

/** The project's own script files (TypeScript and JavaScript), as paths relative to the root, with their text. */
export function projectSources(): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || NOT_SOURCES.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|js|cjs|mjs)$/.test(entry.name))
        found.push({ path: relative(PROJECT_ROOT, path), text: readFileSync(path, "utf8") });
    }
  };
  walk(PROJECT_ROOT);
  return found;
}

/** `path:line: text` of each line of the project's sources matching `pattern`, outside the files `except` names. */
export function sourceLinesMatching(pattern: RegExp, except: readonly string[]): string[] {
  return projectSources()
    .filter((file) => !except.includes(file.path))
    .flatMap((file) =>
      file.text
        .split("\n")
        .map((line, i) => ({ line, at: `${file.path}:${i + 1}` }))
        .filter(({ line }) => pattern.test(line))
        .map(({ line, at }) => `${at}: ${line.trim()}`),
    );
}
