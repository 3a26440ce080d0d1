import type { StackManifest } from "./stack-order";

/**
 * Why `stack` cannot be planned yet, or undefined when it can: a stack that
 * reads another's outputs (cdktf's cross-stack references are
 * terraform_remote_state data sources) plans only once that stack's state has
 * outputs, i.e. after its first deploy.
 */
export function whyPlanWaits(manifest: StackManifest, stack: string, hasOutputs: (stack: string) => boolean): string | undefined {
  const waitingFor = manifest.stacks[stack].dependencies.filter((dependency) => !hasOutputs(dependency));
  if (waitingFor.length === 0) return undefined;
  const names = waitingFor.join(" and ");
  return (
    `${stack} not planned: it reads the outputs of ${names} from its Terraform state, which has none yet ` +
    `(${names} not deployed); npm run deploy applies ${names} first, then plans ${stack}`
  );
}

/** Which stacks `npm run plan -- <stack> ...` asked for, in dependency order; every name must be a stack. */
export function wantedStacks(ordered: readonly string[], args: readonly string[]): string[] {
  const unknown = args.filter((name) => !ordered.includes(name));
  if (unknown.length > 0) throw new Error(`no stack named ${unknown.join(", ")}: the stacks are ${ordered.join(", ")}`);
  return ordered.filter((stack) => args.length === 0 || args.includes(stack));
}
