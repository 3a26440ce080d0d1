import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { STACK_NAMES } from "../../stacks/stack-names";
import { ClusterStack } from "../../stacks/cluster-stack";
import { boundAwsProviderVersion } from "../../scripts/lib/provider-mirror";
import type { CommandResult } from "./async-command";
import { runCommand } from "./async-command";
import { settingsFrom } from "./settings";
import { OfflineTerraform } from "./terraform";

/** The AWS services the cluster stack calls, as the provider's `endpoints` names them. */
export const STACK_SERVICES = ["ec2", "eks", "iam", "kms", "logs", "s3", "sts"] as const;

/** Each Terraform command may take this long on a loaded 2-core machine (an apply takes about a minute). */
const TERRAFORM_TIMEOUT_MS = 10 * 60_000;

/**
 * The cluster stack synthesized with `env`'s settings, copied into a folder
 * of its own, with an override file beside it (never an edit of the
 * synthesized JSON) that sends every AWS call to `endpoint` with fake
 * credentials and keeps the state in that folder.
 */
export class EmulatedStack {
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(settingsEnv: Record<string, string>, endpoint: string) {
    const stack = new ClusterStack(Testing.app(), STACK_NAMES.cluster, settingsFrom(settingsEnv));
    const synthesized = join(Testing.fullSynth(stack), "stacks", STACK_NAMES.cluster);
    this.dir = mkdtempSync(join(tmpdir(), "emulated-stack-"));
    cpSync(synthesized, this.dir, { recursive: true });
    this.env = new OfflineTerraform(this.dir, boundAwsProviderVersion()).environment();
    writeFileSync(
      join(this.dir, "emulator_override.tf.json"),
      JSON.stringify(
        {
          terraform: { backend: { local: { path: join(this.dir, "terraform.tfstate") } } },
          provider: {
            aws: [
              {
                access_key: "AKIAIOSFODNN7EXAMPLE",
                secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                // No instance metadata on a test machine; the credentials and account ID are asked of the emulator.
                skip_metadata_api_check: true,
                endpoints: [Object.fromEntries(STACK_SERVICES.map((service) => [service, endpoint]))],
              },
            ],
          },
        },
        null,
        2,
      ),
    );
  }

  /** `terraform <args> -no-color -input=false` in the copy; resolves whatever the exit code. */
  run(...args: string[]): Promise<CommandResult> {
    return runCommand("terraform", [...args, "-no-color", "-input=false"], {
      cwd: this.dir,
      env: this.env,
      timeoutMs: TERRAFORM_TIMEOUT_MS,
    });
  }

  /** Runs a command that must succeed; its output, or an error holding it. */
  async mustRun(...args: string[]): Promise<string> {
    const result = await this.run(...args);
    if (result.code !== 0) throw new Error(`terraform ${args.join(" ")} failed (${result.code}):\n${result.output}`);
    return result.output;
  }
}
