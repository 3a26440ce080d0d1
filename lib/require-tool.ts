import { accessSync, constants, statSync } from "node:fs";
import { join } from "node:path";
import { TERRAFORM_REQUIRED_VERSION } from "./terraform-version";

/** What to install for each external tool the project runs. */
const INSTALL_HINTS: Record<string, string> = {
  terraform: `install Terraform ${TERRAFORM_REQUIRED_VERSION} (https://developer.hashicorp.com/terraform/install)`,
  kubectl: "install kubectl >= 1.27, which bundles kustomize (https://kubernetes.io/docs/tasks/tools/)",
  aws: "install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)",
  haproxy: "install HAProxy >= 2.6 (Debian/Ubuntu: apt-get install haproxy)",
  nginx: "install nginx (Debian/Ubuntu: apt-get install nginx-light)",
  dnsmasq: "install dnsmasq (Debian/Ubuntu: apt-get install dnsmasq-base)",
  wrk: "install wrk (Debian/Ubuntu: apt-get install wrk)",
  ip: "install iproute2 (Debian/Ubuntu: apt-get install iproute2)",
  unshare: "install util-linux (Debian/Ubuntu: apt-get install util-linux)",
  nft: "install nftables (Debian/Ubuntu: apt-get install nftables)",
  moto_server: "pip install 'moto[server]' (moto >= 5.2, the AWS API emulator the apply tests run the cluster stack against)",
};

export function installHint(tool: string): string {
  return INSTALL_HINTS[tool] ?? `install ${tool}`;
}

/** The one line that says `tool` is missing and what to install. */
export function missingToolLine(tool: string): string {
  return `${tool} not found on PATH: ${installHint(tool)}`;
}

/**
 * Whether `tool` is an executable file in a folder of `env`'s PATH, as the shell looks it up (an empty entry is the
 * current folder); a name with a slash is taken as a path. Read from the file system, not by running a shell, so that
 * lib/run.ts can name what to install without a cycle.
 */
export function hasTool(tool: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const candidates = tool.includes("/") ? [tool] : (env.PATH ?? "").split(":").map((dir) => join(dir || ".", tool));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** Fails with one line saying what to install when `tool` is not on `env`'s PATH. */
export function requireTool(tool: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!hasTool(tool, env)) {
    throw new Error(missingToolLine(tool));
  }
}
