import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AWS_PROVIDER, findAwsProviderMirror } from "../../scripts/lib/provider-mirror";
import { requireTool } from "../../lib/require-tool";
import { capture } from "../../lib/run";

/** Runs Terraform against a stack folder, offline, with the AWS provider from the local mirror. */
export class OfflineTerraform {
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly stackDir: string,
    providerVersion: string,
  ) {
    requireTool("terraform");
    const configDir = mkdtempSync(join(tmpdir(), "tf-cli-"));
    const cliConfig = join(configDir, "terraform.rc");
    writeFileSync(
      cliConfig,
      `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(findAwsProviderMirror(providerVersion))}
    include = [${JSON.stringify(AWS_PROVIDER)}]
  }
  direct {
    exclude = [${JSON.stringify(AWS_PROVIDER)}]
  }
}
`,
    );
    this.env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  }

  /** The environment Terraform runs in: the mirror's CLI configuration, no checkpoint calls. */
  environment(): NodeJS.ProcessEnv {
    return { ...this.env };
  }

  /**
   * Fake credentials, the provider's skip flags and a throwaway state path, in an override file beside the stack;
   * with `endpoint`, the EC2, EKS, IAM and STS calls of data sources go there (see fake-aws-endpoint.ts).
   */
  writeOfflineOverride(statePath: string, endpoint?: string): void {
    writeFileSync(
      join(this.stackDir, "offline_override.tf.json"),
      JSON.stringify(
        {
          terraform: { backend: { local: { path: statePath } } },
          provider: {
            aws: [
              {
                access_key: "AKIAIOSFODNN7EXAMPLE",
                secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                skip_credentials_validation: true,
                skip_requesting_account_id: true,
                skip_metadata_api_check: true,
                skip_region_validation: true,
                ...(endpoint ? { endpoints: [{ ec2: endpoint, eks: endpoint, iam: endpoint, sts: endpoint }] } : {}),
              },
            ],
          },
        },
        null,
        2,
      ),
    );
  }

  run(...args: string[]): string {
    const result = capture("terraform", [...args, "-no-color"], {
      cwd: this.stackDir,
      env: this.env,
      timeoutMs: 240_000,
      // `providers schema -json` prints the whole AWS provider's schema, tens of megabytes.
      maxBuffer: 256 * 1024 * 1024,
    });
    if (result.status !== 0) {
      throw new Error(`terraform ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout;
  }
}
