import type { ImageLine } from "../../harness/pod-runtimes";
import { missingToolLine } from "../../lib/require-tool";

/**
 * The commands the tests run for real, and the Debian package that brings
 * each: HAProxy's checks and the local data plane (haproxy, nginx, dnsmasq,
 * ip, unshare, and nft for its network policies), the bench (wrk), and patchelf, with which the installer makes
 * the pods' HAProxy run from its cache folder.
 */
export const DEBIAN_PACKAGES: Readonly<Record<string, string>> = {
  haproxy: "haproxy",
  nginx: "nginx-light",
  dnsmasq: "dnsmasq-base",
  wrk: "wrk",
  ip: "iproute2",
  unshare: "util-linux",
  nft: "nftables",
  patchelf: "patchelf",
};

/** Where the installer looks for commands: PATH, then the sbin folders a non-root user's PATH often lacks (ip, nft). */
export function commandSearchPath(path: string | undefined): string {
  const dirs = (path ?? "").split(":").filter(Boolean);
  return [...dirs, ...["/usr/sbin", "/sbin"].filter((dir) => !dirs.includes(dir))].join(":");
}

/** What the installer asks of the machine; injected so the decision can be tested. */
export interface MachineLookups {
  /** Whether `command` is on the commandSearchPath. */
  hasCommand(command: string): boolean;
  /** Whether this process runs as root. */
  isRoot(): boolean;
  /** Whether the cache holds a working binary of this line. */
  hasRuntime(line: ImageLine): boolean;
  /** Whether a local provider mirror holds the hashicorp/aws version the plan tests run. */
  hasProviderMirror(): boolean;
}

/** What to do, decided before anything is changed. */
export type InstallPlan =
  | { readonly action: "nothing" }
  | {
      readonly action: "install";
      /** Debian packages to install with apt-get (as root); empty when none is missing. */
      readonly packages: readonly string[];
      /** Pod runtimes to fetch into the cache (no root needed). */
      readonly runtimes: readonly ImageLine[];
    }
  | {
      readonly action: "refuse";
      /** One line: what is missing and the exact command that installs it. */
      readonly message: string;
    };

/** The one command that installs `packages`, as root. */
export function aptInstallCommand(packages: readonly string[]): string {
  return `apt-get update && env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(" ")}`;
}

/**
 * Decides, before anything is changed or any test runs, what `npm test` must
 * install first, or why it cannot go on: the data-plane tests need root
 * (network namespaces), the plan tests a local mirror of the AWS provider,
 * which is not fetched here, and the apply tests moto_server (pip). As root: the Debian packages whose commands are
 * missing, and the pods' runtimes missing from the cache.
 */
export function planInstall(lines: readonly ImageLine[], machine: MachineLookups, mirrorMessage: string): InstallPlan {
  if (!machine.isRoot()) {
    return {
      action: "refuse",
      message: "the data-plane tests need root (network namespaces, ip netns): run them as root, e.g. sudo npm test",
    };
  }
  if (!machine.hasProviderMirror()) return { action: "refuse", message: mirrorMessage };
  // The apply tests' AWS API emulator is a Python package, installed with pip, not apt: said, not installed.
  if (!machine.hasCommand("moto_server")) return { action: "refuse", message: missingToolLine("moto_server") };
  const packages = [
    ...new Set(
      Object.entries(DEBIAN_PACKAGES)
        .filter(([command]) => !machine.hasCommand(command))
        .map(([, pkg]) => pkg),
    ),
  ];
  const runtimes = lines.filter((line) => !machine.hasRuntime(line));
  if (packages.length === 0 && runtimes.length === 0) return { action: "nothing" };
  return { action: "install", packages, runtimes };
}
