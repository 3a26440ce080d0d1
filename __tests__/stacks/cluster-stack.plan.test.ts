import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { STACK_NAMES } from "../../config/constants";
import { ClusterStack } from "../../stacks/cluster-stack";
import { settingsFrom, EXPLICIT_AZS } from "../helpers/settings";
import { OfflineTerraform } from "../helpers/terraform";

/** The hashicorp/aws version @cdktf/provider-aws 20.1.0 binds, and the one the local mirror holds. */
const AWS_PROVIDER_VERSION = "5.100.0";

function plannedCreates(env: Record<string, string>): { types: Record<string, number>; total: number; validate: string } {
  const stack = new ClusterStack(Testing.app(), STACK_NAMES.cluster, settingsFrom(env));
  const stackDir = join(Testing.fullSynth(stack), "stacks", STACK_NAMES.cluster);
  const terraform = new OfflineTerraform(stackDir, AWS_PROVIDER_VERSION);
  terraform.writeOfflineOverride(join(mkdtempSync(join(tmpdir(), "tf-state-")), "plan.tfstate"));
  terraform.run("init", "-input=false");
  const validate = terraform.run("validate");
  terraform.run("plan", "-input=false", "-lock=false", "-out=plan.bin");
  const plan = JSON.parse(terraform.run("show", "-json", "plan.bin"));
  const creates = plan.resource_changes.filter((change: any) => change.mode === "managed" && change.change.actions.includes("create"));
  const types: Record<string, number> = {};
  for (const change of creates) types[change.type] = (types[change.type] ?? 0) + 1;
  return { types, total: creates.length, validate };
}

describe("terraform validate and plan of the cluster stack, offline", () => {
  it("plans the default public-mode stack with explicit AZs", () => {
    const { types, total, validate } = plannedCreates(EXPLICIT_AZS);
    expect(validate).toMatch(/Success! The configuration is valid/);
    expect(types).toEqual({
      aws_vpc: 1, aws_internet_gateway: 1, aws_route_table: 1, aws_subnet: 3, aws_route_table_association: 3,
      aws_iam_role: 3, aws_iam_role_policy: 1, aws_iam_role_policy_attachment: 4, aws_kms_key: 1, aws_cloudwatch_log_group: 1,
      aws_eks_cluster: 1, aws_eks_addon: 4, aws_launch_template: 3, aws_eks_node_group: 3,
    });
    expect(total).toBe(30);
  }, 300_000);

  it("plans private mode with a NAT gateway per AZ", () => {
    const { types, total } = plannedCreates({ ...EXPLICIT_AZS, EKS_POC_SUBNET_MODE: "private" });
    expect(types).toMatchObject({ aws_subnet: 6, aws_nat_gateway: 3, aws_eip: 3, aws_route_table: 4, aws_route_table_association: 6 });
    expect(total).toBe(45);
  }, 300_000);
});
