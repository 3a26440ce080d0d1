import "./cdktf-matchers";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { STACK_NAMES } from "../../stacks/stack-names";
import { ClusterStack } from "../../stacks/cluster-stack";
import { WorkloadsStack } from "../../stacks/workloads-stack";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { renderedPoc } from "./rendered";
import { settingsFrom } from "./settings";

/** The workloads stack and its Terraform JSON, as a string for the matchers and parsed. */
export interface SynthesizedWorkloads {
  readonly json: string;
  readonly tf: any;
  readonly stack: WorkloadsStack;
}

/**
 * Both stacks in one app, as main.ts builds them, synthesized whole so that
 * cross-stack references resolve; returns the workloads stack's Terraform JSON.
 * `objects` is the rendered overlay (the poc one by default).
 */
export function synthWorkloads(
  env: Record<string, string> = {},
  objects: readonly KubernetesObject[] = renderedPoc(),
): SynthesizedWorkloads {
  const settings = settingsFrom(env);
  const app = Testing.app();
  const cluster = new ClusterStack(app, STACK_NAMES.cluster, settings);
  const stack = new WorkloadsStack(app, STACK_NAMES.workloads, { settings, cluster: cluster.cluster, objects });
  app.synth();
  const json = readFileSync(join(app.outdir, "stacks", STACK_NAMES.workloads, "cdk.tf.json"), "utf8");
  return { json, tf: JSON.parse(json), stack };
}
