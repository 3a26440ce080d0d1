import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { capture } from "../../lib/run";
import type { AwsRunner } from "./aws-cli";
import { awsError, isNotFound } from "./aws-cli";

/** Where a synthesized stack keeps its state: cdk.tf.json's `terraform.backend`, as stacks/state-backend.ts writes it. */
export type StateLocation =
  | { readonly kind: "local"; readonly path: string }
  | { readonly kind: "s3"; readonly bucket: string; readonly key: string; readonly region: string };

/** The parts of a Terraform state file read here. */
export interface TerraformState {
  readonly resources?: ReadonlyArray<{ readonly mode: string; readonly type: string; readonly instances?: readonly unknown[] }>;
}

/** cdk.tf.json's `terraform.backend`, the kinds read here. */
type Backend = { local?: { path?: string }; s3?: { bucket: string; key: string; region: string } };

/** The backend of one synthesized stack (`cdktf.out/stacks/<name>`). */
export function stateLocation(stackDir: string): StateLocation {
  const tf = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as { terraform?: { backend?: Backend } };
  const backend: Backend = tf.terraform?.backend ?? {};
  if (backend.local) return { kind: "local", path: backend.local.path ?? join(stackDir, "terraform.tfstate") };
  if (backend.s3) return { kind: "s3", bucket: backend.s3.bucket, key: backend.s3.key, region: backend.s3.region };
  throw new Error(`${stackDir}: unsupported backend ${Object.keys(backend).join(", ") || "(none)"}`);
}

/** The state at `location`, or undefined when there is none yet (the stack was never applied). */
export function readState(location: StateLocation, aws: () => AwsRunner): TerraformState | undefined {
  if (location.kind === "local") {
    if (!existsSync(location.path)) return undefined;
    const text = readFileSync(location.path, "utf8");
    return text.trim() === "" ? undefined : (JSON.parse(text) as TerraformState);
  }
  const args = ["s3", "cp", `s3://${location.bucket}/${location.key}`, "-", "--region", location.region];
  const result = aws()(args);
  if (isNotFound(result)) return undefined;
  if (result.status !== 0) throw awsError(args, result);
  return result.stdout.trim() === "" ? undefined : (JSON.parse(result.stdout) as TerraformState);
}

/** Resources Terraform manages in the state (data sources left out), by type. */
export function managedResources(state: TerraformState | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of state?.resources ?? []) {
    const instances = resource.instances?.length ?? 0;
    if (resource.mode === "managed" && instances > 0) counts[resource.type] = (counts[resource.type] ?? 0) + instances;
  }
  return counts;
}

/** `terraform output -json` of the stack in `dir`; undefined when terraform fails (not initialized, no terraform). */
export function terraformOutputs(dir: string, env: NodeJS.ProcessEnv = process.env): Record<string, { value: unknown }> | undefined {
  const result = capture("terraform", [`-chdir=${dir}`, "output", "-json"], { env });
  try {
    return result.status === 0 ? (JSON.parse(result.stdout || "{}") as Record<string, { value: unknown }>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the stack in `dir` has outputs in its Terraform state, i.e. it has
 * been deployed (and not destroyed). Initializes the folder first when needed.
 */
export function hasOutputs(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  let outputs = terraformOutputs(dir, env);
  if (outputs === undefined) {
    capture("terraform", ["init", "-input=false"], { cwd: dir, env });
    outputs = terraformOutputs(dir, env);
  }
  return Object.keys(outputs ?? {}).length > 0;
}
