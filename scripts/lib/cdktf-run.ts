import { readFileSync } from "node:fs";
import { join } from "node:path";
import { STACK_NAMES } from "../../stacks/stack-names";
import type { AwsRunner } from "./aws-cli";
import { cdkCliPath } from "./cdk-cli";
import { PROJECT_ROOT } from "../../lib/project-root";
import { runAttached } from "../../lib/run";
import type { StackManifest } from "./stack-order";
import type { StateLocation, TerraformState } from "./stack-state";
import { readState, stateLocation } from "./stack-state";

/** Runs terraform in a synthesized stack's folder with the terminal attached; throws when it fails. */
export function terraform(cwd: string, args: readonly string[]): void {
  const status = runAttached("terraform", args, { cwd });
  if (status !== 0) throw new Error(`terraform ${args[0]} failed in ${cwd} (exit ${status})`);
}

/** Runs the project's cdktf CLI for this Node (cdk-cli.ts) with the terminal attached (plans and prompts); throws when it fails. */
export function cdktf(args: readonly string[]): void {
  const status = runAttached(cdkCliPath(), args, { cwd: PROJECT_ROOT });
  if (status !== 0) throw new Error(`cdktf ${args[0]} failed (exit ${status})`);
}

/** The parts of a stack's Terraform JSON (`cdk.tf.json`) the scripts read: resources by type and name, provider blocks. */
export interface StackJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly provider?: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;
}

/** One synthesized stack: its folder, its Terraform JSON, where its state is and what it holds. */
export interface SynthesizedStack {
  readonly name: string;
  /** Its folder in cdktf.out, where terraform runs. */
  readonly dir: string;
  readonly json: StackJson;
  readonly location: StateLocation;
  readonly state: TerraformState | undefined;
}

/** Both stacks of `cdktf.out` (after `cdktf synth`), with their current state. */
export function synthesizedStacks(aws: () => AwsRunner): { cluster: SynthesizedStack; workloads: SynthesizedStack } {
  const outdir = join(PROJECT_ROOT, "cdktf.out");
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as StackManifest;
  const load = (name: string): SynthesizedStack => {
    const dir = join(outdir, manifest.stacks[name].workingDirectory);
    const location = stateLocation(dir);
    return {
      name,
      dir,
      json: JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as StackJson,
      location,
      state: readState(location, aws),
    };
  };
  return { cluster: load(STACK_NAMES.cluster), workloads: load(STACK_NAMES.workloads) };
}

/** Where a state lives, for messages. */
export function describeLocation(location: StateLocation): string {
  return location.kind === "local" ? location.path : `s3://${location.bucket}/${location.key}`;
}

/**
 * `npm run synth` (scripts/synth.ts) in a child process: the app's lines reach
 * the terminal once, without the cdktf CLI's spinner and log prefixes; exits
 * with the synth's status when it fails (its lines already said why).
 */
export function synthesize(): void {
  const status = runAttached(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "scripts", "synth.ts")], { cwd: PROJECT_ROOT });
  if (status !== 0) process.exit(status);
}
