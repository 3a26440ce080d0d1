import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fillAtomically } from "./cache-dir";
import type { ImageLine } from "../../harness/pod-runtimes";
import { binaryVersion, runtimeBinary, runtimeDir } from "../../harness/pod-runtimes";
import { run } from "../../lib/run";

/**
 * Puts the newest Node of `wanted.line` into `<cache>/node-<line>/bin/node`,
 * from the npm registry's `node-<platform>-<arch>` package (the official
 * build), fetched with `npm pack`, which checks its integrity, and returns
 * its version. Not a devDependency: npm would link its `node` into
 * node_modules/.bin, and every npm script (jest, cdktf, tsc) would then run
 * on it instead of the user's Node.
 */
export function installNpmNode(wanted: ImageLine, cache: string): string {
  const downloads = join(cache, "downloads");
  mkdirSync(downloads, { recursive: true });
  const spec = `node-${process.platform}-${process.arch}@${wanted.line}`;
  const pack = run("npm", ["pack", spec, "--pack-destination", downloads, "--prefer-offline", "--json", "--silent"]);
  const tarball = join(downloads, (JSON.parse(pack) as Array<{ filename: string }>)[0].filename);

  fillAtomically(runtimeDir("node", wanted.line, cache), (partial) => {
    run("tar", ["-xzf", tarball, "-C", partial, "--strip-components=1", "package/bin/node", "package/LICENSE"]);
  });
  try {
    return binaryVersion("node", runtimeBinary("node", wanted.line, cache));
  } catch (error) {
    rmSync(runtimeDir("node", wanted.line, cache), { recursive: true, force: true });
    throw error;
  }
}
