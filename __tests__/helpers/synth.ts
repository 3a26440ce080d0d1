import "./cdktf-matchers";
import { Testing } from "cdktf";
import { STACK_NAMES } from "../../stacks/stack-names";
import { ClusterStack } from "../../stacks/cluster-stack";
import { settingsFrom } from "./settings";

/** Terraform JSON of the cluster stack, as a string for the matchers and parsed for counting. */
export interface SynthesizedStack {
  readonly stack: ClusterStack;
  readonly json: string;
  readonly tf: { resource: Record<string, Record<string, any>>; output: Record<string, any>; data?: Record<string, any>; terraform: any };
}

export function synthCluster(env: Record<string, string> = {}): SynthesizedStack {
  const stack = new ClusterStack(Testing.app(), STACK_NAMES.cluster, settingsFrom(env));
  const json = Testing.synth(stack);
  return { stack, json, tf: JSON.parse(json) };
}

/** The resources of one type, as a list. */
export function resourcesOf(tf: SynthesizedStack["tf"], type: string): any[] {
  return Object.values(tf.resource[type] ?? {});
}
