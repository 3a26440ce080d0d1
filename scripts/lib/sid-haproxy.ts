import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join, relative } from "node:path";
import { debianArchiveUri, osReleaseCodename, readSourceFiles } from "./apt-sources";
import { fillAtomically } from "./cache-dir";
import type { ImageLine } from "../../harness/pod-runtimes";
import { binaryVersion, runtimeBinary, runtimeDir, versionLine } from "../../harness/pod-runtimes";
import { run } from "../../lib/run";

/** The keyring Debian's own sources are signed with (package debian-archive-keyring). */
const DEBIAN_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

/**
 * Puts HAProxy of `wanted.line` from Debian unstable (sid), with the libraries
 * it loads, into `<cache>/haproxy-<line>`, and returns its version. Nothing of
 * the system's apt changes: a private sources list, state and cache under
 * `<cache>/apt`. sid's binaries need sid's glibc, so the binary's interpreter
 * and rpath point into the extracted tree: it runs as itself, without a
 * loader wrapper, which HAProxy's master-worker mode needs (a reload
 * re-executes the binary).
 */
export function installSidHaproxy(wanted: ImageLine, cache: string): string {
  const apt = new PrivateApt(join(cache, "apt"));
  apt.update();
  const candidate = apt.candidate("haproxy");
  if (versionLine("haproxy", candidate) !== wanted.line) {
    throw new Error(
      `Debian sid carries HAProxy ${candidate}, not the ${wanted.line} line of the pod's ${wanted.image}: install HAProxy ${wanted.line} by hand into ${runtimeDir("haproxy", wanted.line, cache)}`,
    );
  }
  const debs = apt.download(`haproxy-${candidate}`, apt.libraryClosure("haproxy"));

  const final = runtimeDir("haproxy", wanted.line, cache);
  fillAtomically(final, (partial) => {
    for (const deb of debs) run("dpkg-deb", ["-x", deb, partial]);
    const loader = findLoader(partial);
    run("patchelf", [
      "--set-interpreter",
      join(final, relative(partial, loader)),
      // DT_RPATH, not RUNPATH: it also applies to the libraries' own dependencies.
      "--force-rpath",
      "--set-rpath",
      join(final, relative(partial, join(loader, ".."))),
      join(partial, "usr", "sbin", "haproxy"),
    ]);
  });
  try {
    return binaryVersion("haproxy", runtimeBinary("haproxy", wanted.line, cache));
  } catch (error) {
    rmSync(final, { recursive: true, force: true });
    throw error;
  }
}

/** The dynamic loader of the extracted libc6 (usr/lib/<triplet>/ld-linux-*.so.*). */
function findLoader(root: string): string {
  const lib = join(root, "usr", "lib");
  for (const triplet of readdirSync(lib)) {
    const dir = join(lib, triplet);
    const loader = safeReaddir(dir).find((name) => /^ld-linux.*\.so\.\d+$/.test(name));
    if (loader) return join(dir, loader);
  }
  throw new Error(`no dynamic loader (ld-linux*.so) in the extracted libc6 under ${lib}`);
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** apt-get and apt-cache on Debian sid with their own sources, state and cache folders. */
class PrivateApt {
  private readonly options: string[];

  constructor(private readonly dir: string) {
    for (const sub of ["lists/partial", "archives/partial"]) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, "sources.list"), `deb [signed-by=${DEBIAN_KEYRING}] ${debianMirror()} sid main\n`);
    writeFileSync(join(dir, "status"), "");
    this.options = [
      `Dir::Etc::SourceList=${join(dir, "sources.list")}`,
      "Dir::Etc::SourceParts=/dev/null",
      `Dir::State=${dir}`,
      `Dir::State::Lists=${join(dir, "lists")}`,
      `Dir::State::status=${join(dir, "status")}`,
      `Dir::Cache=${dir}`,
      `Dir::Cache::Archives=${join(dir, "archives")}`,
      "Debug::NoLocking=1",
      "Acquire::Languages=none",
      // apt drops to its _apt user to download, which cannot write here when the cache is root's.
      `APT::Sandbox::User=${userInfo().username}`,
    ].flatMap((option) => ["-o", option]);
  }

  update(): void {
    run("apt-get", [...this.options, "-qq", "update"]);
  }

  /** The version apt would take, e.g. `3.2.26-1`. */
  candidate(pkg: string): string {
    const policy = run("apt-cache", [...this.options, "policy", pkg]);
    const version = /Candidate:\s*(\S+)/.exec(policy)?.[1];
    if (!version || version === "(none)") throw new Error(`Debian sid has no package ${pkg}`);
    return version;
  }

  /** `pkg` and, recursively, the shared-library packages it depends on (what `ldd` needs, not adduser & co.). */
  libraryClosure(pkg: string): string[] {
    const seen = new Set<string>();
    const todo = [pkg];
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      const depends = run("apt-cache", [
        ...this.options,
        "depends",
        "--no-recommends",
        "--no-suggests",
        "--no-conflicts",
        "--no-breaks",
        "--no-replaces",
        "--no-enhances",
        next,
      ]);
      for (const match of depends.matchAll(/^\s*\|?(?:Pre)?Depends: ([^\s<>]+)/gm)) {
        if (/^(lib|zlib)/.test(match[1])) todo.push(match[1]);
      }
    }
    return [...seen];
  }

  /** Downloads the packages' .deb files into `<dir>/debs/<label>` (kept as a cache) and returns their paths. */
  download(label: string, packages: string[]): string[] {
    const debs = join(this.dir, "debs", label);
    mkdirSync(debs, { recursive: true });
    run("apt-get", [...this.options, "-qq", "download", ...packages], { cwd: debs });
    return readdirSync(debs)
      .filter((file) => file.endsWith(".deb"))
      .map((file) => join(debs, file));
  }
}

/**
 * The URI of the system's Debian archive, read from apt's source files
 * themselves (both formats): apt's downloaded indexes may be absent, as on an
 * image whose packages came preinstalled and whose `apt-get update` never ran.
 */
function debianMirror(): string {
  const paths = run("apt-config", ["shell", "LIST", "Dir::Etc::SourceList/f", "PARTS", "Dir::Etc::SourceParts/d"]);
  const path = (name: string) => new RegExp(`^${name}='([^']*)'`, "m").exec(paths)?.[1] ?? "";
  const files = readSourceFiles(path("LIST"), path("PARTS"));
  let osRelease = "";
  try {
    osRelease = readFileSync("/etc/os-release", "utf8");
  } catch {
    // No os-release: only Debian's release names (stable, unstable, ...) identify the archive.
  }
  const codename = osReleaseCodename(osRelease);
  const uri = debianArchiveUri(
    files.flatMap((file) => file.sources),
    codename,
  );
  if (!uri) {
    throw new Error(
      `no Debian archive (a deb source of main for ${[codename, "stable", "unstable"].filter(Boolean).join(", ")} ...) in ${path("LIST")} or ${path("PARTS")}: add one, then run npm test again`,
    );
  }
  return uri;
}
