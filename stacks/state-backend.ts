import type { TerraformStack } from "cdktf";
import { LocalBackend, S3Backend } from "cdktf";
import { TERRAFORM_REQUIRED_VERSION } from "../lib/terraform-version";
import type { StateSettings } from "../config/settings-spec";

/**
 * Local state files by default (the original project's model): CDKTF's own
 * default, `terraform.<stack>.tfstate` in the project folder, so cdktf.out can
 * be wiped safely. S3 with native locking when a bucket is set. Every stack
 * calls it, so every stack also states the Terraform version it needs.
 */
export function configureStateBackend(stack: TerraformStack, stackName: string, state: StateSettings): void {
  // An older Terraform would ignore use_lockfile and run without a lock; refuse it up front instead.
  stack.addOverride("terraform.required_version", TERRAFORM_REQUIRED_VERSION);
  if (state.bucket === "") {
    new LocalBackend(stack);
    return;
  }
  new S3Backend(stack, {
    bucket: state.bucket,
    key: `${state.keyPrefix}/${stackName}.tfstate`,
    region: state.region,
    encrypt: true,
  });
  // cdktf 0.21's S3Backend predates S3-native locking (Terraform >= 1.10), so set it directly.
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
}
