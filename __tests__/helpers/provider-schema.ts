/** An attribute of `terraform providers schema -json`, plus `since` and `allowed` where the source says so. */
export interface SchemaAttribute {
  readonly type: string | string[];
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  /** The first release that has it, when newer than the oldest one recorded. */
  readonly since?: string;
  /** The values the provider's validation accepts. */
  readonly allowed?: string[];
}

/** One block of `terraform providers schema -json`: attributes and nested block types. */
export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, { nesting_mode: "list" | "set" | "single"; max_items?: number; block: SchemaBlock }>;
}

const isExpression = (v: unknown): boolean => typeof v === "string" && /^\$\{[\s\S]*\}$/.test(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** "v2.4.1" or "~> 2.4" as [2, 4, 1] or [2, 4, 0]. */
export function versionParts(version: string): number[] {
  const parts = version
    .replace(/^[v~> ]+/, "")
    .split(".")
    .map(Number);
  return [0, 1, 2].map((i) => parts[i] ?? 0);
}

function isNewer(a: number[], b: number[]): boolean {
  const i = a.findIndex((part, j) => part !== b[j]);
  return i >= 0 && a[i] > b[i];
}

/** Whether a JSON value has a Terraform type; an interpolation `${…}` fits any. */
function valueFits(type: string | string[], v: unknown): boolean {
  if (isExpression(v)) return true;
  if (type === "string") return typeof v === "string";
  if (type === "bool") return typeof v === "boolean";
  if (type === "number") return typeof v === "number";
  const [kind, element] = type as string[];
  if (kind === "list" || kind === "set") return Array.isArray(v) && v.every((e) => valueFits(element, e));
  if (kind === "map") return isObject(v) && Object.values(v).every((e) => valueFits(element, e));
  return false;
}

function attributeProblems(attribute: SchemaAttribute, value: unknown, where: string, floor: number[]): string[] {
  const found: string[] = [];
  if (!attribute.optional && !attribute.required) found.push(`${where}: computed only, not an argument`);
  else if (!valueFits(attribute.type, value)) found.push(`${where}: ${JSON.stringify(value)} is not ${JSON.stringify(attribute.type)}`);
  else if (attribute.allowed && !isExpression(value) && !attribute.allowed.includes(value as string)) {
    found.push(`${where}: ${String(value)} not in ${attribute.allowed.join(",")}`);
  }
  if (attribute.since && isNewer(versionParts(attribute.since), floor)) found.push(`${where}: only since ${attribute.since}`);
  return found;
}

/**
 * Every way the Terraform JSON `body` departs from `block`: a key the schema
 * lacks or computes, a value of the wrong type, a block written as a value,
 * more blocks than allowed, a missing required attribute, an attribute newer
 * than `floor` (the oldest release the version constraint admits). Keys in
 * `meta` are Terraform's own (provider, depends_on, …) and pass.
 */
export function schemaProblems(
  block: SchemaBlock,
  body: Record<string, unknown>,
  path: string,
  floor: number[],
  meta: ReadonlySet<string> = new Set(),
): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (meta.has(key) || value === undefined) continue;
    const attribute = block.attributes?.[key];
    const nested = block.block_types?.[key];
    if (attribute) {
      found.push(...attributeProblems(attribute, value, `${path}.${key}`, floor));
    } else if (nested) {
      // HCL's JSON form: a nested block is one object or an array of objects, one per block.
      const instances: unknown[] = Array.isArray(value) ? value : [value];
      const most = nested.nesting_mode === "single" ? 1 : nested.max_items;
      if (most !== undefined && instances.length > most) found.push(`${path}.${key}: ${instances.length} blocks, at most ${most}`);
      instances.forEach((instance, i) => {
        if (isObject(instance)) found.push(...schemaProblems(nested.block, instance, `${path}.${key}[${i}]`, floor));
        else found.push(`${path}.${key}: a block, written as ${JSON.stringify(instance)}`);
      });
    } else {
      found.push(`${path}.${key}: not in the schema`);
    }
  }
  for (const [key, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required && body[key] === undefined) found.push(`${path}.${key}: required, missing`);
  }
  return found;
}
