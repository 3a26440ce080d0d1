import { ImageLine } from "../../e2e/pod-runtimes";

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

/** What the installer asks of the machine; injected so the decision can be tested. */
export interface MachineLookups {
  /** Whether `command` is on PATH. */
  hasCommand(command: string): boolean;
  /** Whether this process runs as root. */
  isRoot(): boolean;
  /** Whether `sudo -n true` succeeds (sudo without a password). */
  sudoWithoutPassword(): boolean;
  /** Whether the cache holds a working binary of this line. */
  hasRuntime(line: ImageLine): boolean;
}

/** What to do, decided before anything is changed. */
export type InstallPlan =
  | { readonly action: "nothing" }
  | {
      readonly action: "install";
      /** Debian packages to install with apt-get; empty when none is missing. */
      readonly packages: readonly string[];
      /** How apt-get runs: as this user (root) or through sudo. */
      readonly asRoot: "self" | "sudo";
      /** Pod runtimes to fetch into the cache (no root needed). */
      readonly runtimes: readonly ImageLine[];
    }
  | {
      readonly action: "refuse";
      /** One line: what is missing and the exact command that installs it. */
      readonly message: string;
    };

/** The one command that installs `packages`, as root. */
export function aptInstallCommand(packages: readonly string[], sudo = false): string {
  const prefix = sudo ? "sudo " : "";
  return `${prefix}apt-get update && ${prefix}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(" ")}`;
}

/**
 * Decides what `npm test` must install first: the Debian packages whose
 * commands are missing (needs root or sudo without a password; otherwise one
 * line naming them and the command), and the pods' runtimes missing from the
 * cache (fetched as this user).
 */
export function planInstall(lines: readonly ImageLine[], machine: MachineLookups): InstallPlan {
  const packages = [...new Set(Object.entries(DEBIAN_PACKAGES).filter(([command]) => !machine.hasCommand(command)).map(([, pkg]) => pkg))];
  const runtimes = lines.filter((line) => !machine.hasRuntime(line));
  if (packages.length === 0 && runtimes.length === 0) return { action: "nothing" };
  if (packages.length === 0) return { action: "install", packages, asRoot: "self", runtimes };
  if (machine.isRoot()) return { action: "install", packages, asRoot: "self", runtimes };
  if (machine.hasCommand("sudo") && machine.sudoWithoutPassword()) return { action: "install", packages, asRoot: "sudo", runtimes };
  return {
    action: "refuse",
    message: `the tests need the Debian packages ${packages.join(", ")}, and this user is not root and has no sudo without a password: install them as root with \`${aptInstallCommand(packages)}\`, then run npm test again`,
  };
}
