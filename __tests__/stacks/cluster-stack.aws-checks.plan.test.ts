import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { STACK_NAMES } from "../../stacks/stack-names";
import type { Settings } from "../../config/settings-spec";
import { ClusterStack } from "../../stacks/cluster-stack";
import type { FakeAws } from "../helpers/fake-aws-endpoint";
import { ORDINARY_ACCOUNT, startFakeAws } from "../helpers/fake-aws-endpoint";
import { EXPLICIT_AZS, settingsFrom } from "../helpers/settings";
import { OfflineTerraform } from "../helpers/terraform";

/**
 * The checks only AWS can answer, asked at plan (constructs/kubernetes-version-check.ts,
 * constructs/instance-type-checks.ts). The settings bypass the synth-time checks on purpose:
 * these tests show what the plan says on its own, against the fake endpoint's answers.
 */
function planOutcome(overrides: Partial<Settings>, fake: FakeAws, validateRegion = false): { ok: true } | { ok: false; errors: string } {
  const settings: Settings = { ...settingsFrom(EXPLICIT_AZS), ...overrides };
  const stack = new ClusterStack(Testing.app(), STACK_NAMES.cluster, settings);
  const stackDir = join(Testing.fullSynth(stack), "stacks", STACK_NAMES.cluster);
  const terraform = new OfflineTerraform(stackDir, "5.100.0");
  terraform.writeOfflineOverride(join(mkdtempSync(join(tmpdir(), "tf-state-")), "plan.tfstate"), fake.url);
  // Override files merge in name order: this one turns the provider's own region check back on.
  if (validateRegion)
    writeFileSync(join(stackDir, "region_override.tf.json"), JSON.stringify({ provider: { aws: [{ skip_region_validation: false }] } }));
  terraform.run("init", "-input=false");
  try {
    terraform.run("plan", "-input=false", "-lock=false", "-refresh=false");
    return { ok: true };
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, errors: message.slice(Math.max(0, message.indexOf("Error:"))).replace(/\s+/g, " ") };
  }
}

describe("what the plan asks AWS", () => {
  // One fake per test: it stops itself after five minutes, and two plans on a loaded machine can take that long.
  let fake: FakeAws;
  beforeEach(async () => {
    fake = await startFakeAws(ORDINARY_ACCOUNT);
  });
  afterEach(() => fake?.stop());

  it("accepts a version newer than the calendar, one in extended support when allowed, and Graviton types on an ARM AMI", () => {
    expect(planOutcome({ kubernetesVersion: "1.37" }, fake)).toEqual({ ok: true });
    expect(
      planOutcome(
        {
          kubernetesVersion: "1.33",
          allowExtendedSupport: true,
          nodeAmiType: "AL2023_ARM_64_STANDARD",
          nodeInstanceTypes: ["m7g.large", "a1.large"],
        },
        fake,
      ),
    ).toEqual({ ok: true });
  }, 600_000);

  it("stops on a version in extended support, a type of the other architecture and one that holds too few pods", () => {
    const outcome = planOutcome({ kubernetesVersion: "1.33", nodeInstanceTypes: ["t3.medium", "m7g.large", "t2.micro"] }, fake);
    expect(outcome.ok).toBe(false);
    const { errors } = outcome as { errors: string };
    expect(errors).toContain(
      'kubernetesVersion = "1.33": EKS has it in extended support since 2026-07-29 (DescribeClusterVersions), ' +
        "which costs $0.60 per cluster-hour instead of $0.10; set allowExtendedSupport to true to pay that, or choose a version in standard support",
    );
    expect(errors).toContain(
      "nodeInstanceTypes: m7g.large runs arm64, but nodeAmiType = AL2023_x86_64_STANDARD boots x86_64 (DescribeInstanceTypes)",
    );
    expect(errors).toContain(
      "nodeInstanceTypes: t2.micro holds at most 4 pods (VPC CNI: 2 ENIs × (2 IPv4 − 1) + 2, DescribeInstanceTypes), but a node may run 5",
    );
    expect(errors).not.toContain("t3.medium holds");
  }, 300_000);

  it("stops on a version EKS does not offer, one whose support ended, a type the region does not offer, and a region AWS does not have", () => {
    const unknown = planOutcome({ kubernetesVersion: "1.99", nodeInstanceTypes: ["t3.medium", "x9.fake"] }, fake);
    expect(unknown.ok).toBe(false);
    const { errors } = unknown as { errors: string };
    expect(errors).toContain(
      'kubernetesVersion = "1.99": EKS does not offer it in us-east-1 (DescribeClusterVersions); allowed: 1.31 (extended support), 1.32 (extended support), ' +
        "1.33 (extended support), 1.34 (standard support), 1.35 (standard support), 1.36 (standard support), 1.37 (standard support)",
    );
    expect(errors).toContain(
      "nodeInstanceTypes = t3.medium,x9.fake: EC2 does not offer x9.fake in us-east-1 (DescribeInstanceTypeOfferings)",
    );
    const region = planOutcome({ region: "xx-nowhere-1" }, fake, true);
    expect(region.ok).toBe(false);
    expect((region as { errors: string }).errors).toContain("Error: invalid AWS Region: xx-nowhere-1");
    const ended = planOutcome({ kubernetesVersion: "1.30", allowExtendedSupport: true }, fake);
    expect(ended.ok).toBe(false);
    expect((ended as { errors: string }).errors).toContain('kubernetesVersion = "1.30": EKS does not offer it in us-east-1');
  }, 600_000);
});
