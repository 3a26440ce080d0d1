/**
 * The hand-written binding of the alekc/kubectl Terraform provider (the
 * maintained fork of gavinbunney/kubectl). Attribute names were checked
 * against the provider's documented schema in its repository,
 * alekc/terraform-provider-kubectl: docs/index.md (provider arguments) and
 * docs/resources/kubectl_manifest.md (resource arguments), v2.x.
 *
 * With network access, `npm run bindings:kubectl` regenerates a full binding
 * with `cdktf get` into providers/kubectl/generated (git-ignored) to compare.
 */
export const KUBECTL_PROVIDER = {
  source: "alekc/kubectl",
  versionConstraint: "~> 2.1",
} as const;

/**
 * cdktf can also write HCL (`hclOutput`); this binding writes JSON only, and
 * says so instead of dropping every attribute.
 */
export function refuseHcl(type: string): never {
  throw new Error(`${type}: the hand-written kubectl binding synthesizes Terraform JSON only; synthesize without --hcl`);
}
