import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appEnvironment } from "../scripts/lib/app-command";
import { PROJECT_ROOT } from "../lib/project-root";
import { capture } from "../lib/run";

const STACKS = ["eks-cluster", "eks-workloads"];
const LEGACY_HOOK = join(PROJECT_ROOT, "__tests__", "helpers", "cdktf-0.21.mjs");

interface Synthesized {
  readonly version: string;
  readonly stacks: Record<string, Record<string, unknown>>;
}

/** The app synthesized by one library, each stack's JSON with its metadata's library version taken out. */
function synthesize(env: Record<string, string>, preload: string[]): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), "implementations-"));
  try {
    const run = capture(process.execPath, [...preload, "--import", "tsx", "main.ts"], {
      cwd: PROJECT_ROOT,
      env: appEnvironment(outdir, env),
      timeoutMs: 120_000,
    });
    if (run.status !== 0) throw new Error(`synth failed (${run.status}): ${run.stderr}`);
    const version = (JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { version: string }).version;
    const stacks: Synthesized["stacks"] = {};
    for (const stack of STACKS) {
      const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as {
        "//": { metadata: Record<string, unknown> };
      };
      expect(json["//"].metadata.version).toBe(version);
      delete json["//"].metadata.version;
      stacks[stack] = json;
    }
    return { version, stacks };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * package.json installs CDK Terrain's library under the name `cdktf` and keeps
 * HashiCorp's 0.21 beside it as `cdktf-0.21`: both must write the same
 * Terraform, so that either can deploy, plan or destroy what the other wrote.
 */
describe("cdktf 0.21 and CDK Terrain", () => {
  it.each([
    ["the defaults", {}],
    [
      "private subnets, flow logs to S3, explicit AZs",
      { EKS_POC_SUBNET_MODE: "private", EKS_POC_FLOW_LOG_DESTINATION: "arn:aws:s3:::my-logs/vpc", EKS_POC_AZS: "us-east-1a,us-east-1b" },
    ],
  ])(
    "write the same Terraform JSON for %s, apart from the library version",
    (_, env) => {
      const terrain = synthesize(env, []);
      const hashicorp = synthesize(env, ["--import", LEGACY_HOOK]);
      expect(terrain.version).toBe(
        (JSON.parse(readFileSync(require.resolve("cdktf/package.json"), "utf8")) as { version: string }).version,
      );
      expect(hashicorp.version).toBe("0.21.0");
      expect(terrain.stacks).toEqual(hashicorp.stacks);
    },
    240_000,
  );
});
