/**
 * The hand-written binding of the alekc/kubectl Terraform provider (the
 * maintained fork of gavinbunney/kubectl). provider-schema.json beside this
 * file lists the provider's and kubectl_manifest's schema, read from the
 * provider's source at the tag and commit it records; the binding's test
 * checks every argument the binding writes against it.
 *
 * With network access, `npm run bindings:kubectl` regenerates a full binding
 * with `cdktf get` into providers/kubectl/generated (git-ignored) to compare.
 */
export const KUBECTL_PROVIDER = {
  source: "alekc/kubectl",
  // 2.4 is the first release with lazy_load, which the binding offers.
  versionConstraint: "~> 2.4",
} as const;

/**
 * cdktf can also write HCL (`hclOutput`); this binding writes JSON only, and
 * says so instead of dropping every attribute.
 */
export function refuseHcl(type: string): never {
  throw new Error(`${type}: the hand-written kubectl binding synthesizes Terraform JSON only; synthesize without --hcl`);
}
