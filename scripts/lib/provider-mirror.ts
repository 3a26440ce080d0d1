import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

export const AWS_PROVIDER = "registry.terraform.io/hashicorp/aws";

/** The variable naming the mirror folder; without it the usual folders are searched. */
export const MIRROR_VARIABLE = "TF_PLUGIN_MIRROR";

/** The hashicorp/aws version the installed @cdktf/provider-aws binds (its package.json says), e.g. 5.100.0. */
export function boundAwsProviderVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "node_modules", "@cdktf", "provider-aws", "package.json"), "utf8")) as {
    cdktf: { provider: { version: string } };
  };
  return pkg.cdktf.provider.version;
}

/**
 * A local filesystem mirror holding hashicorp/aws at `version`, or undefined:
 * TF_PLUGIN_MIRROR if set, else Terraform's implied local mirror folders, then
 * a shallow search of /opt and /usr/local.
 */
export function locateAwsProviderMirror(
  version: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const explicit = env[MIRROR_VARIABLE];
  const candidates = explicit
    ? [explicit]
    : [
        join(homedir(), ".terraform.d", "plugins"),
        join(homedir(), ".local", "share", "terraform", "plugins"),
        "/usr/local/share/terraform/plugins",
        "/usr/share/terraform/plugins",
        ...childDirs("/opt", 2),
        ...childDirs("/usr/local", 2),
      ];
  return candidates.find((dir) => existsSync(join(dir, AWS_PROVIDER, version)));
}

/** One line: how to fill a mirror with hashicorp/aws `version` and point the tests at it. */
export function missingMirrorMessage(version: string): string {
  return (
    `hashicorp/aws ${version} not found in a local provider mirror (the plan tests run Terraform offline): ` +
    `fill one with \`npm run synth && terraform -chdir=cdktf.out/stacks/eks-cluster providers mirror DIR\` (it pins aws ${version}), ` +
    `then set ${MIRROR_VARIABLE}=DIR`
  );
}

/** The mirror folder, or one line saying how to make one. */
export function findAwsProviderMirror(version: string): string {
  const mirror = locateAwsProviderMirror(version);
  if (!mirror) throw new Error(missingMirrorMessage(version));
  return mirror;
}

function childDirs(root: string, depth: number): string[] {
  if (depth === 0 || !existsSync(root)) return [];
  const dirs = readdirSync(root)
    .map((name) => join(root, name))
    .filter((path) => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    });
  return [...dirs, ...dirs.flatMap((dir) => childDirs(dir, depth - 1))];
}
