import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { requireTool } from "../../scripts/lib/require-tool";

const AWS_PROVIDER = "registry.terraform.io/hashicorp/aws";

/**
 * Finds a local filesystem mirror holding hashicorp/aws at `version`:
 * TF_PLUGIN_MIRROR if set, then Terraform's implied local mirror folders, then
 * a shallow search of /opt and /usr/local. Fails with one line if none holds it.
 */
export function findAwsProviderMirror(version: string): string {
  const explicit = process.env.TF_PLUGIN_MIRROR;
  const candidates = explicit ? [explicit] : [
    join(homedir(), ".terraform.d", "plugins"),
    join(homedir(), ".local", "share", "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
    ...childDirs("/opt", 2),
    ...childDirs("/usr/local", 2),
  ];
  const mirror = candidates.find((dir) => existsSync(join(dir, AWS_PROVIDER, version)));
  if (!mirror) {
    throw new Error(`hashicorp/aws ${version} not found in a local provider mirror: set TF_PLUGIN_MIRROR to the folder that holds ${AWS_PROVIDER}/${version}`);
  }
  return mirror;
}

function childDirs(root: string, depth: number): string[] {
  if (depth === 0 || !existsSync(root)) return [];
  const dirs = readdirSync(root).map((name) => join(root, name)).filter((path) => {
    try { return statSync(path).isDirectory(); } catch { return false; }
  });
  return [...dirs, ...dirs.flatMap((dir) => childDirs(dir, depth - 1))];
}

/** Runs Terraform against a stack folder, offline, with the AWS provider from the local mirror. */
export class OfflineTerraform {
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly stackDir: string, providerVersion: string) {
    requireTool("terraform");
    const configDir = mkdtempSync(join(tmpdir(), "tf-cli-"));
    const cliConfig = join(configDir, "terraform.rc");
    writeFileSync(cliConfig, `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(findAwsProviderMirror(providerVersion))}
    include = [${JSON.stringify(AWS_PROVIDER)}]
  }
  direct {
    exclude = [${JSON.stringify(AWS_PROVIDER)}]
  }
}
`);
    this.env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  }

  /** The environment Terraform runs in: the mirror's CLI configuration, no checkpoint calls. */
  environment(): NodeJS.ProcessEnv {
    return { ...this.env };
  }

  /**
   * Fake credentials, the provider's skip flags and a throwaway state path, in an override file beside the stack;
   * with `endpoint`, the EC2, IAM and STS calls of data sources go there (see fake-aws-endpoint.ts).
   */
  writeOfflineOverride(statePath: string, endpoint?: string): void {
    writeFileSync(join(this.stackDir, "offline_override.tf.json"), JSON.stringify({
      terraform: { backend: { local: { path: statePath } } },
      provider: {
        aws: [{
          access_key: "AKIAIOSFODNN7EXAMPLE",
          secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
          ...(endpoint ? { endpoints: [{ ec2: endpoint, iam: endpoint, sts: endpoint }] } : {}),
        }],
      },
    }, null, 2));
  }

  run(...args: string[]): string {
    const result = spawnSync("terraform", [...args, "-no-color"], { cwd: this.stackDir, env: this.env, encoding: "utf8", timeout: 240_000 });
    if (result.status !== 0) {
      throw new Error(`terraform ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout;
  }
}
