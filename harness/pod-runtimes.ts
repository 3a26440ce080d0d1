import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { RenderedOverlay } from "../kubernetes/rendered-overlay";
import { capture } from "../lib/run";

/**
 * Which binary on this machine runs what a pod of the rendered DaemonSet runs:
 * HAProxy of the line the `haproxy` container's image tag names (3.2 for
 * `haproxy:3.2-alpine`) and Node of the major the `metadata` container's tag
 * names (24 for `node:24-alpine`). `npm test` installs them first
 * (scripts/install-test-tools.ts) into the cache below; the tests, the harness
 * and the bench take them from here, and Debian's HAProxy only as a second opinion.
 */

export type RuntimeName = "haproxy" | "node";

/** What a container's image asks for: the runtime and its line, from the image tag. */
export interface ImageLine {
  readonly runtime: RuntimeName;
  /** The image, e.g. `haproxy:3.2-alpine`. */
  readonly image: string;
  /** HAProxy's major.minor (`3.2`) or Node's major (`24`). */
  readonly line: string;
}

/** A binary on this machine and the version it reports. */
export interface Runtime {
  readonly binary: string;
  /** As the binary reports it, e.g. `3.2.26-1` or `24.21.0`. */
  readonly version: string;
}

/** The binary that runs a pod's runtime here. */
export interface PodRuntime extends ImageLine, Runtime {}

/** The container of the DaemonSet that runs each runtime. */
const CONTAINERS: Record<RuntimeName, string> = { haproxy: "haproxy", node: "metadata" };
/** How much of a version a line names: major.minor for HAProxy, major for Node. */
const LINE_PATTERNS: Record<RuntimeName, RegExp> = { haproxy: /^(\d+\.\d+)(?:[.-]|$)/, node: /^(\d+)(?:[.-]|$)/ };
const LABELS: Record<RuntimeName, string> = { haproxy: "HAProxy", node: "Node" };

/** `${XDG_CACHE_HOME:-~/.cache}/eks-haproxy-poc`: downloads and the pods' runtimes, kept between runs. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "eks-haproxy-poc");
}

/** The line of `version` (`3.2.26-1` → `3.2` for HAProxy, `24.21.0` → `24` for Node), or undefined. */
export function versionLine(runtime: RuntimeName, version: string): string | undefined {
  return LINE_PATTERNS[runtime].exec(version)?.[1];
}

/** The image of the DaemonSet's container that runs `runtime`. */
export function podImage(overlay: RenderedOverlay, runtime: RuntimeName): string {
  return runtime === "haproxy" ? overlay.haproxyImage : overlay.app.image;
}

/** The line `image` (of the container that runs `runtime`) names; fails when its tag names none (e.g. `:latest`). */
export function imageLine(image: string, runtime: RuntimeName): ImageLine {
  const reference = image.split("@")[0];
  // The tag follows the last path segment's colon (a registry's port has one too).
  const tag = reference.slice(reference.lastIndexOf("/") + 1).split(":")[1] ?? "";
  const line = versionLine(runtime, tag);
  if (!line) {
    const wanted = runtime === "haproxy" ? "major.minor, e.g. haproxy:3.2-alpine" : "a major, e.g. node:24-alpine";
    throw new Error(`image ${image} (container ${CONTAINERS[runtime]}): its tag names no ${LABELS[runtime]} line (${wanted})`);
  }
  return { runtime, image, line };
}

/** The folder the installer fills for a line: `<cache>/haproxy-3.2`, `<cache>/node-24`. */
export function runtimeDir(runtime: RuntimeName, line: string, cache: string = cacheDir()): string {
  return join(cache, `${runtime}-${line}`);
}

/** Where the installer puts the binary of a line: `<cache>/haproxy-3.2/usr/sbin/haproxy`, `<cache>/node-24/bin/node`. */
export function runtimeBinary(runtime: RuntimeName, line: string, cache: string = cacheDir()): string {
  const dir = runtimeDir(runtime, line, cache);
  return runtime === "haproxy" ? join(dir, "usr", "sbin", "haproxy") : join(dir, "bin", "node");
}

const versions = new Map<string, string>();

/** The version `binary` reports (`haproxy -v`, `node -v`); fails with its output when it does not run. */
export function binaryVersion(runtime: RuntimeName, binary: string): string {
  const key = `${runtime} ${binary}`;
  let version = versions.get(key);
  if (version === undefined) {
    const result = capture(binary, ["-v"]);
    const pattern = runtime === "haproxy" ? /HA-?Proxy version (\S+)/ : /^v(\S+)/;
    version = pattern.exec(result.stdout)?.[1];
    if (result.status !== 0 || !version) {
      throw new Error(`${binary} -v did not report a ${LABELS[runtime]} version: ${(result.error?.message ?? result.stderr).trim()}`);
    }
    versions.set(key, version);
  }
  return version;
}

/**
 * The binary that runs the pod's `runtime` here, and its version. Fails with
 * one line when the installer has not put it in the cache, or when it reports
 * another line than the image names.
 */
export function podRuntime(image: string, runtime: RuntimeName, cache: string = cacheDir()): PodRuntime {
  const wanted = imageLine(image, runtime);
  const binary = runtimeBinary(runtime, wanted.line, cache);
  if (!existsSync(binary)) {
    throw new Error(
      `${LABELS[runtime]} ${wanted.line} (the pod's ${wanted.image}) is not installed at ${binary}: run npm test, or npm run install-test-tools`,
    );
  }
  const version = binaryVersion(runtime, binary);
  if (versionLine(runtime, version) !== wanted.line) {
    throw new Error(
      `${binary} is ${LABELS[runtime]} ${version}, but the pod runs ${wanted.image}: remove ${runtimeDir(runtime, wanted.line, cache)} and run npm run install-test-tools`,
    );
  }
  return { ...wanted, binary, version };
}

/** Debian's HAProxy on PATH (2.6 on bookworm): a second opinion on haproxy.cfg. */
export function debianHaproxy(): Runtime {
  return { binary: "haproxy", version: binaryVersion("haproxy", "haproxy") };
}

/** One line for test output: `HAProxy 3.2.26-1 for haproxy:3.2-alpine (…/haproxy)`. */
export function describeRuntime(runtime: PodRuntime): string {
  return `${LABELS[runtime.runtime]} ${runtime.version} for ${runtime.image} (${runtime.binary})`;
}
