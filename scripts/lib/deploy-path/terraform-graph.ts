/** A stack's Terraform JSON (`cdk.tf.json`), as far as its blocks and their dependencies go. */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** One resource or data block: `aws_eks_cluster.x` or `data.aws_partition.y`, one node however many instances it has. */
export interface BlockNode {
  /** The address Terraform uses in references and depends_on. */
  readonly address: string;
  readonly type: string;
  readonly mode: "managed" | "data";
  readonly body: Readonly<Record<string, unknown>>;
}

/** The blocks of one stack and, per address, the addresses it needs first. */
export interface BlockGraph {
  readonly nodes: ReadonlyMap<string, BlockNode>;
  readonly needs: ReadonlyMap<string, readonly string[]>;
}

// An address inside an interpolation: `aws_x.name`, `data.aws_x.name` (names as CDKTF writes them: letters, digits, _ and -).
const ADDRESS = /\b(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*/g;
const INTERPOLATION = /\$\{[^}]*\}/g;

/**
 * The dependency graph Terraform builds from a stack's JSON: an edge for each
 * address named in `depends_on` and each block referred to in an
 * interpolation (`${aws_x.y.attr}`), as `terraform graph` draws them for the
 * blocks of one module. Providers, variables and outputs are left out: they
 * take no time of their own.
 */
export function blockGraph(json: TerraformJson): BlockGraph {
  const nodes = new Map<string, BlockNode>();
  for (const [mode, blocks] of [
    ["managed", json.resource],
    ["data", json.data],
  ] as const) {
    for (const [type, byName] of Object.entries(blocks ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const address = `${mode === "data" ? "data." : ""}${type}.${name}`;
        nodes.set(address, { address, type, mode, body });
      }
    }
  }
  const needs = new Map<string, string[]>();
  for (const node of nodes.values()) {
    const { depends_on: dependsOn, ...rest } = node.body as { depends_on?: string[] };
    const referred = [...JSON.stringify(rest).matchAll(INTERPOLATION)].flatMap(([expression]) => expression.match(ADDRESS) ?? []);
    const all = [...(dependsOn ?? []), ...referred].filter((address) => address !== node.address && nodes.has(address));
    needs.set(node.address, [...new Set(all)]);
  }
  return { nodes, needs };
}

/**
 * The managed blocks `address` needs, looking through data sources (which
 * Terraform reads, not creates or destroys): what must exist before it, and
 * what its destroy must come before.
 */
export function managedNeeds(graph: BlockGraph, address: string): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (from: string): void => {
    for (const next of graph.needs.get(from) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      if (graph.nodes.get(next)?.mode === "managed") found.add(next);
      else visit(next);
    }
  };
  visit(address);
  return [...found];
}

/** Whether `from` needs `to`, directly or through other blocks. */
export function reaches(graph: BlockGraph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [...(graph.needs.get(from) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (next === to) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.needs.get(next) ?? []));
  }
  return false;
}
