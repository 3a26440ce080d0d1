import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { STACK_NAMES } from "../../stacks/stack-names";
import { AWS_PROVIDER } from "../../scripts/lib/provider-mirror";
import { ClusterStack } from "../../stacks/cluster-stack";
import type { FakeAws } from "../helpers/fake-aws-endpoint";
import { ORDINARY_ACCOUNT, startFakeAws } from "../helpers/fake-aws-endpoint";
import { EXPLICIT_AZS, settingsFrom } from "../helpers/settings";
import type { PlanJson, TerraformStateFile } from "../helpers/state-from-plan";
import { pendingChanges, settle, stateFromPlan } from "../helpers/state-from-plan";
import { OfflineTerraform } from "../helpers/terraform";

const AWS_PROVIDER_VERSION = "5.100.0";
/** Plans of a settled state are stable within this many rounds; more means a value never settles. */
const MAX_SETTLE_ROUNDS = 4;

/** The cluster stack for `kubernetesVersion`, synthesized and initialized, with its state in `statePath`. */
function initialized(kubernetesVersion: string, statePath: string, fake: FakeAws): OfflineTerraform {
  const stack = new ClusterStack(
    Testing.app(),
    STACK_NAMES.cluster,
    settingsFrom({ ...EXPLICIT_AZS, EKS_POC_KUBERNETES_VERSION: kubernetesVersion }),
  );
  const terraform = new OfflineTerraform(join(Testing.fullSynth(stack), "stacks", STACK_NAMES.cluster), AWS_PROVIDER_VERSION);
  terraform.writeOfflineOverride(statePath, fake.url);
  terraform.run("init", "-input=false");
  return terraform;
}

/** A plan against the state as it is (no refresh: the fake answers the data sources, not the resources). */
function planOf(terraform: OfflineTerraform): PlanJson {
  terraform.run("plan", "-input=false", "-lock=false", "-refresh=false", "-out=plan.bin");
  return JSON.parse(terraform.run("show", "-json", "plan.bin"));
}

/**
 * The state of a deployed stack: the 1.35 plan's resources as created, then settled until a plan of the same
 * configuration against it changes nothing, which is what Terraform says of a stack right after its apply.
 */
function deployedState(terraform: OfflineTerraform, statePath: string): TerraformStateFile {
  const write = (state: TerraformStateFile) => writeFileSync(statePath, JSON.stringify(state));
  const schemas = JSON.parse(terraform.run("providers", "schema", "-json")).provider_schemas[AWS_PROVIDER].resource_schemas;
  let state = stateFromPlan(planOf(terraform), schemas);
  for (let round = 0; round < MAX_SETTLE_ROUNDS; round += 1) {
    write(state);
    const plan = planOf(terraform);
    if (pendingChanges(plan).length === 0) return state;
    state = settle(state, plan);
  }
  throw new Error(`the 1.35 state did not settle in ${MAX_SETTLE_ROUNDS} rounds: ${pendingChanges(planOf(terraform)).join(", ")}`);
}

describe("moving a deployed 1.35 cluster stack to 1.36, planned offline against its state", () => {
  let fake: FakeAws;
  let stateDir: string;
  let deployed: TerraformStateFile;
  let upgrade: PlanJson;
  beforeAll(async () => {
    fake = await startFakeAws(ORDINARY_ACCOUNT);
    stateDir = mkdtempSync(join(tmpdir(), "tf-upgrade-"));
    const statePath = join(stateDir, "cluster.tfstate");
    deployed = deployedState(initialized("1.35", statePath, fake), statePath);
    upgrade = planOf(initialized("1.36", statePath, fake));
  }, 900_000);
  afterAll(() => {
    fake?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  const changed = () => upgrade.resource_changes.filter((c) => c.mode === "managed" && c.change.actions.join() !== "no-op");
  const attributesIn = (type: string) =>
    deployed.resources.filter((r) => r.type === type).flatMap((r) => r.instances.map((i) => i.attributes as Record<string, any>));

  it("starts from a state holding every resource at 1.35, its add-ons at their newest 1.35 versions", () => {
    expect(deployed.resources.length).toBeGreaterThan(30);
    expect(attributesIn("aws_eks_cluster").map((c) => c.version)).toEqual(["1.35"]);
    expect(attributesIn("aws_eks_node_group").map((g) => g.version)).toEqual(["1.35", "1.35", "1.35"]);
    expect(Object.fromEntries(attributesIn("aws_eks_addon").map((a) => [a.addon_name, a.addon_version]))).toEqual({
      "vpc-cni": "v1.21.1-eksbuild.1",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.1",
      "kube-proxy": "v1.35.2-eksbuild.1",
      coredns: "v1.12.4-eksbuild.1",
    });
  });

  it("updates the cluster, the add-ons with a newer version for 1.36 and every node group in place, and nothing else", () => {
    const actions = Object.fromEntries(changed().map((c) => [c.address, c.change.actions]));
    expect(Object.values(actions).every((a) => a.join() === "update")).toBe(true);
    const byType = (type: string) => changed().filter((c) => c.type === type);
    expect(byType("aws_eks_cluster").map((c) => c.change.after.version)).toEqual(["1.36"]);
    expect(byType("aws_eks_node_group").map((c) => c.change.after.version)).toEqual(["1.36", "1.36", "1.36"]);
    expect(Object.fromEntries(byType("aws_eks_addon").map((c) => [c.change.after.addon_name, c.change.after.addon_version]))).toEqual({
      "kube-proxy": "v1.36.2-eksbuild.1",
      coredns: "v1.13.1-eksbuild.1",
    });
    expect(changed()).toHaveLength(1 + 3 + 2);
  });
});
