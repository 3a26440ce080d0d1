import { mkdirSync, renameSync, rmSync } from "node:fs";

/**
 * Fills `final` through a folder of this process's own and renames it into
 * place, so an interrupted install leaves no half tree and two installs at
 * once (engineers running npm test side by side) do not mix their files:
 * the first to finish wins and the other drops its copy. A `final` that is
 * there already is taken as broken (the installer found it not working) and
 * removed first. `fill` gets the folder to fill; the tree must work once it
 * is at `final`.
 */
export function fillAtomically(final: string, fill: (partial: string) => void): void {
  const partial = `${final}.partial-${process.pid}`;
  rmSync(final, { recursive: true, force: true });
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    fill(partial);
    renameSync(partial, final);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code !== "ENOTEMPTY" && (error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
