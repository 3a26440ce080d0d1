import "./cdktf-matchers";
import type { Construct } from "constructs";
import { Testing } from "cdktf";
import type { SynthesizedStack } from "./synth";

/** Terraform JSON of the constructs `build` adds to a bare stack, as a string for the matchers and parsed. */
export function synthScope(build: (scope: Construct) => void): Pick<SynthesizedStack, "json" | "tf"> {
  const json = Testing.synthScope(build);
  return { json, tf: JSON.parse(json) };
}

/** The resources (or data sources, with `data`) of one type by logical ID. */
export function byId(tf: SynthesizedStack["tf"], type: string, data = false): Array<[string, any]> {
  return Object.entries((data ? tf.data : tf.resource)?.[type] ?? {});
}

/** The one resource (or data source) of a type, with its logical ID; throws when there are none or several. */
export function only(tf: SynthesizedStack["tf"], type: string, data = false): [string, any] {
  const found = byId(tf, type, data);
  if (found.length !== 1) throw new Error(`${found.length} ${type}, not one`);
  return found[0];
}

/** A reference such as `${aws_vpc.network_vpc_ABC.id}` to an attribute of a resource, or of a data source (`data.` type). */
export function ref(type: string, id: string, attribute: string): string {
  return `\${${type}.${id}.${attribute}}`;
}
