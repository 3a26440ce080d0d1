/** The stacks of cdktf.out/manifest.json, as far as ordering goes. */
export interface StackManifest {
  readonly stacks: Record<string, { readonly workingDirectory: string; readonly dependencies: readonly string[] }>;
}

/** Stack names with every stack after the stacks it depends on (cdktf deploy's order); fails on a cycle. */
export function stacksInOrder(manifest: StackManifest): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`stack dependency cycle through ${name}`);
    if (!manifest.stacks[name]) throw new Error(`unknown stack ${name}`);
    visiting.add(name);
    manifest.stacks[name].dependencies.forEach(visit);
    visiting.delete(name);
    ordered.push(name);
  };
  Object.keys(manifest.stacks).forEach(visit);
  return ordered;
}
