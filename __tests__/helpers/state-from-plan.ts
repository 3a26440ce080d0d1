import { createHash } from "node:crypto";
import type { SchemaBlock } from "./provider-schema";

/** What `terraform show -json` says of one resource in a saved plan. */
export interface ResourceChange {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly change: { readonly actions: string[]; readonly after: any; readonly after_unknown: any };
}

/** The parts of `terraform show -json <plan>` read here. */
export interface PlanJson {
  readonly resource_changes: ResourceChange[];
  readonly planned_values: { readonly root_module: { readonly resources?: Array<{ address: string; schema_version: number }> } };
}

/** A resource instance as a version-4 state file keeps it. */
interface StateInstance {
  readonly index_key?: string | number;
  readonly schema_version: number;
  readonly attributes: Record<string, unknown>;
  readonly sensitive_attributes: unknown[];
}

interface StateResource {
  readonly mode: "managed";
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly instances: StateInstance[];
}

/** A version-4 Terraform state: the format `terraform show -json` of a state reads back, written by hand. */
export interface TerraformStateFile {
  readonly version: 4;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Record<string, unknown>;
  readonly resources: StateResource[];
}

type AttributeType = string | [string, any];

/** The prefixes of EC2's resource IDs, which the provider checks where one resource names another by ID. */
const EC2_ID_PREFIXES: Record<string, string> = {
  aws_vpc: "vpc-",
  aws_subnet: "subnet-",
  aws_internet_gateway: "igw-",
  aws_route_table: "rtb-",
  aws_nat_gateway: "nat-",
  aws_eip: "eipalloc-",
  aws_default_security_group: "sg-",
  aws_launch_template: "lt-",
  aws_flow_log: "fl-",
};

/**
 * A value for what the plan left "known after apply": ARN-shaped where the provider validates an ARN when a
 * reference carries it into another resource's arguments, the address and path elsewhere, empty collections.
 */
function invent(type: AttributeType, change: ResourceChange, path: string): unknown {
  if (type === "string") {
    const key = path.split(".").pop() ?? path;
    if (key === "arn" || key.endsWith("_arn")) {
      const service = change.type.split("_")[1];
      return `arn:aws:${service}:us-east-1:123456789012:${change.type.slice(4)}/${change.name}${change.index ?? ""}`;
    }
    const prefix = EC2_ID_PREFIXES[change.type];
    if (path === "id" && prefix) return `${prefix}${createHash("sha256").update(change.address).digest("hex").slice(0, 17)}`;
    return `${change.address}.${path}`;
  }
  if (type === "number") return 1;
  if (type === "bool") return false;
  const [kind, element] = type as [string, any];
  if (kind === "list" || kind === "set") return [];
  if (kind === "map") return {};
  return Object.fromEntries(
    Object.entries(element as Record<string, AttributeType>).map(([k, t]) => [k, invent(t, change, `${path}.${k}`)]),
  );
}

/** `value` with every unknown part (per `unknown`, the plan's after_unknown) invented from its schema type. */
function fillValue(value: any, unknown: any, type: AttributeType, change: ResourceChange, path: string): any {
  if (unknown === true) return invent(type, change, path);
  if (unknown === undefined || unknown === false || value === null || value === undefined || typeof type === "string") return value;
  const [kind, element] = type;
  if (kind === "object") {
    return Object.fromEntries(
      Object.entries(element).map(([k, t]) => [k, fillValue(value[k], unknown[k], t as AttributeType, change, `${path}.${k}`)]),
    );
  }
  if (kind === "map")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillValue(v, unknown[k], element, change, `${path}.${k}`)]));
  return (value as unknown[]).map((v, i) => fillValue(v, unknown[i], element, change, `${path}.${i}`));
}

function fillBlock(value: any, unknown: any, block: SchemaBlock, change: ResourceChange, path: string): any {
  if (value === null || value === undefined || unknown === undefined || unknown === false) return value;
  const filled: Record<string, unknown> = { ...value };
  for (const [key, attribute] of Object.entries(block.attributes ?? {})) {
    filled[key] = fillValue(value[key], unknown[key], attribute.type as AttributeType, change, path ? `${path}.${key}` : key);
  }
  for (const [key, nested] of Object.entries(block.block_types ?? {})) {
    const where = path ? `${path}.${key}` : key;
    if (unknown[key] === true) filled[key] = nested.nesting_mode === "single" ? null : [];
    else if (nested.nesting_mode === "single") filled[key] = fillBlock(value[key], unknown[key], nested.block, change, where);
    else
      filled[key] = (value[key] ?? []).map((v: any, i: number) => fillBlock(v, unknown[key]?.[i], nested.block, change, `${where}.${i}`));
  }
  return filled;
}

/** `after` where known, else what `prior` (the state) holds at that place. */
function overlay(after: any, unknown: any, prior: any): any {
  if (unknown === true) return prior;
  if (unknown === undefined || unknown === false || after === null || typeof after !== "object") return after;
  if (Array.isArray(after)) return after.map((v, i) => overlay(v, unknown[i], Array.isArray(prior) ? prior[i] : undefined));
  // `show -json` leaves an unknown attribute out of `after` and names it in after_unknown alone.
  const keys = new Set([...Object.keys(after), ...Object.keys(unknown)]);
  return Object.fromEntries([...keys].map((k) => [k, overlay(after[k], unknown[k], prior?.[k])]));
}

function resourceKey(change: Pick<ResourceChange, "type" | "name">): string {
  return `${change.type}.${change.name}`;
}

function stateFile(resources: Map<string, StateResource>, serial: number): TerraformStateFile {
  return {
    version: 4,
    terraform_version: "1.11.0",
    serial,
    lineage: "5c1e4b8e-0000-4000-8000-000000000001",
    outputs: {},
    resources: [...resources.values()],
  };
}

function instanceOf(change: ResourceChange, schemaVersion: number, attributes: Record<string, unknown>): StateInstance {
  return {
    ...(change.index === undefined ? {} : { index_key: change.index }),
    schema_version: schemaVersion,
    attributes,
    sensitive_attributes: [],
  };
}

/**
 * The state a successful apply of `plan` (all creates) would leave, as far as Terraform can tell: every managed
 * resource with its planned values, and what the plan could not know (IDs, ARNs, computed attributes) invented
 * from the provider's schema (`terraform providers schema -json`). Invented values disagree where one resource
 * copies another's; `settle` makes them agree.
 */
export function stateFromPlan(plan: PlanJson, schemas: Record<string, { block: SchemaBlock }>): TerraformStateFile {
  const versions = new Map((plan.planned_values.root_module.resources ?? []).map((r) => [r.address, r.schema_version]));
  const resources = new Map<string, StateResource>();
  for (const change of plan.resource_changes.filter((c) => c.mode === "managed")) {
    const schema = schemas[change.type];
    if (!schema) throw new Error(`no provider schema for ${change.type}`);
    const attributes = fillBlock(change.change.after, change.change.after_unknown, schema.block, change, "");
    const resource = resources.get(resourceKey(change)) ?? {
      mode: "managed" as const,
      type: change.type,
      name: change.name,
      provider: change.provider_name.startsWith("provider[") ? change.provider_name : `provider["${change.provider_name}"]`,
      instances: [],
    };
    resource.instances.push(instanceOf(change, versions.get(change.address) ?? 0, attributes));
    resources.set(resourceKey(change), resource);
  }
  return stateFile(resources, 1);
}

/**
 * One step towards the state a deployed stack has: each resource the plan (of the same configuration, against
 * `state`) would change takes the values the plan computed from the state, keeping the state's values where the
 * plan does not know them. Repeat until the plan changes nothing.
 */
export function settle(state: TerraformStateFile, plan: PlanJson): TerraformStateFile {
  const changes = new Map(plan.resource_changes.filter((c) => c.mode === "managed").map((c) => [c.address, c]));
  const resources = new Map<string, StateResource>();
  for (const resource of state.resources) {
    const instances = resource.instances.map((instance) => {
      const index = instance.index_key === undefined ? "" : `[${JSON.stringify(instance.index_key)}]`;
      const change = changes.get(`${resource.type}.${resource.name}${index}`);
      if (!change || change.change.actions.join() === "no-op") return instance;
      return { ...instance, attributes: overlay(change.change.after, change.change.after_unknown, instance.attributes) };
    });
    resources.set(resourceKey(resource), { ...resource, instances });
  }
  return stateFile(resources, state.serial + 1);
}

/** The addresses the plan would change, with their actions, for messages. */
export function pendingChanges(plan: PlanJson): string[] {
  return plan.resource_changes
    .filter((c) => c.mode === "managed" && c.change.actions.join() !== "no-op")
    .map((c) => `${c.address}: ${c.change.actions.join("+")}`);
}
