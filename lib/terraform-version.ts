/**
 * Terraform the synthesized stacks need: S3-native state locking (`use_lockfile`)
 * is experimental in 1.10 and generally available from 1.11.
 */
export const TERRAFORM_REQUIRED_VERSION = ">= 1.11";
