import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { STACK_NAMES } from "../../stacks/stack-names";
import { ClusterStack } from "../../stacks/cluster-stack";
import type { FakeAws } from "../helpers/fake-aws-endpoint";
import { ACCOUNT_WITH_REFUSED_C, ASSUMED_ROLE_ACCOUNT, ORDINARY_ACCOUNT, startFakeAws } from "../helpers/fake-aws-endpoint";
import { settingsFrom, EXPLICIT_AZS } from "../helpers/settings";
import { OfflineTerraform } from "../helpers/terraform";

/** The hashicorp/aws version @cdktf/provider-aws 20.1.0 binds, and the one the local mirror holds. */
const AWS_PROVIDER_VERSION = "5.100.0";

interface Planned {
  readonly types: Record<string, number>;
  readonly total: number;
  readonly validate: string;
  /** The planned values of the created resources of a type. */
  readonly after: (type: string) => any[];
}

/** A real terraform init, validate and plan; the data sources read the fake AWS endpoint. */
function plan(env: Record<string, string>, fake: FakeAws): Planned {
  const stack = new ClusterStack(Testing.app(), STACK_NAMES.cluster, settingsFrom(env));
  const stackDir = join(Testing.fullSynth(stack), "stacks", STACK_NAMES.cluster);
  const terraform = new OfflineTerraform(stackDir, AWS_PROVIDER_VERSION);
  terraform.writeOfflineOverride(join(mkdtempSync(join(tmpdir(), "tf-state-")), "plan.tfstate"), fake.url);
  terraform.run("init", "-input=false");
  const validate = terraform.run("validate");
  terraform.run("plan", "-input=false", "-lock=false", "-out=plan.bin");
  const planned = JSON.parse(terraform.run("show", "-json", "plan.bin"));
  const creates = planned.resource_changes.filter((change: any) => change.mode === "managed" && change.change.actions.includes("create"));
  const types: Record<string, number> = {};
  for (const change of creates) types[change.type] = (types[change.type] ?? 0) + 1;
  const after = (type: string): any[] => creates.filter((change: any) => change.type === type).map((change: any) => change.change.after);
  return { types, total: creates.length, validate, after };
}

/** The plan's error output, on one line; fails if the plan goes through. */
function planFailure(env: Record<string, string>, fake: FakeAws): string {
  try {
    plan(env, fake);
  } catch (error) {
    return (error as Error).message.replace(/\s+/g, " ");
  }
  throw new Error("the plan went through");
}

describe("terraform validate and plan of the cluster stack, offline", () => {
  let ordinary: FakeAws;
  let refusedC: FakeAws;
  let assumedRole: FakeAws;
  beforeAll(async () => {
    ordinary = await startFakeAws(ORDINARY_ACCOUNT);
    refusedC = await startFakeAws(ACCOUNT_WITH_REFUSED_C);
    assumedRole = await startFakeAws(ASSUMED_ROLE_ACCOUNT);
  });
  afterAll(() => {
    ordinary?.stop();
    refusedC?.stop();
    assumedRole?.stop();
  });

  describe("the default public-mode stack with explicit AZs", () => {
    let planned: Planned;
    beforeAll(() => {
      planned = plan(EXPLICIT_AZS, ordinary);
    }, 300_000);

    it("validates and plans every resource", () => {
      expect(planned.validate).toMatch(/Success! The configuration is valid/);
      expect(planned.types).toEqual({
        aws_vpc: 1,
        aws_default_security_group: 1,
        aws_internet_gateway: 1,
        aws_route_table: 1,
        aws_subnet: 3,
        aws_route_table_association: 3,
        aws_iam_role: 4,
        aws_iam_role_policy: 2,
        aws_iam_role_policy_attachment: 4,
        aws_kms_key: 2,
        aws_cloudwatch_log_group: 2,
        aws_flow_log: 1,
        aws_eks_cluster: 1,
        aws_eks_access_entry: 1,
        aws_eks_access_policy_association: 1,
        aws_eks_addon: 4,
        aws_launch_template: 3,
        aws_eks_node_group: 3,
      });
      expect(planned.total).toBe(38);
    });

    it("lets CloudWatch Logs use the log key for the account's two log groups only", () => {
      const logsKey = planned.after("aws_kms_key").find((key) => key.description.startsWith("Encryption of the CloudWatch log groups"));
      const statements = JSON.parse(logsKey.policy).Statement;
      expect(statements).toEqual([
        {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "kms:*",
          Resource: "*",
        },
        expect.objectContaining({
          Principal: { Service: "logs.us-east-1.amazonaws.com" },
          Condition: {
            ArnEquals: {
              "kms:EncryptionContext:aws:logs:arn": [
                "arn:aws:logs:us-east-1:123456789012:log-group:/aws/eks/eks-haproxy-poc/cluster",
                "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vpc-flow-log/eks-haproxy-poc",
              ],
            },
          },
        }),
      ]);
      const groups = planned
        .after("aws_cloudwatch_log_group")
        .map((group) => group.name)
        .sort();
      expect(groups).toEqual(["/aws/eks/eks-haproxy-poc/cluster", "/aws/vpc-flow-log/eks-haproxy-poc"]);
    });

    it("leaves the Secrets key to the account's IAM policies alone", () => {
      const secretsKey = planned.after("aws_kms_key").find((key) => key.description.startsWith("Envelope encryption"));
      expect(JSON.parse(secretsKey.policy).Statement).toEqual([
        {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "kms:*",
          Resource: "*",
        },
      ]);
    });

    it("lets only this account's flow logs assume the delivery role, which writes to the flow-log group alone", () => {
      const role = planned.after("aws_iam_role").find((r) => r.name === "eks-haproxy-poc-vpc-flow-logs");
      expect(JSON.parse(role.assume_role_policy).Statement[0].Condition).toEqual({
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*" },
      });
      const delivery = planned.after("aws_iam_role_policy").find((p) => p.name === "deliver-to-the-flow-log-group");
      expect(JSON.parse(delivery.policy).Statement[0].Resource).toEqual([
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vpc-flow-log/eks-haproxy-poc",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vpc-flow-log/eks-haproxy-poc:*",
      ]);
    });
  });

  it("plans private mode with a NAT gateway per AZ", () => {
    const { types, total } = plan({ ...EXPLICIT_AZS, EKS_POC_SUBNET_MODE: "private" }, ordinary);
    expect(types).toMatchObject({ aws_subnet: 6, aws_nat_gateway: 3, aws_eip: 3, aws_route_table: 4, aws_route_table_association: 6 });
    expect(total).toBe(53);
  }, 300_000);

  it("plans flow logs to an S3 bucket without a log group or role of their own", () => {
    const { types, total, after } = plan({ ...EXPLICIT_AZS, EKS_POC_FLOW_LOG_DESTINATION: "arn:aws:s3:::central-flow-logs/eks" }, ordinary);
    expect(types).toMatchObject({ aws_flow_log: 1, aws_cloudwatch_log_group: 1, aws_iam_role: 3, aws_iam_role_policy: 1 });
    expect(total).toBe(35);
    expect(after("aws_flow_log")[0]).toMatchObject({
      log_destination_type: "s3",
      log_destination: "arn:aws:s3:::central-flow-logs/eks",
      traffic_type: "ALL",
    });
  }, 300_000);

  it("skips the zone EKS refuses when it picks the AZs itself", () => {
    const { after } = plan({}, refusedC);
    expect(
      after("aws_subnet")
        .map((subnet) => subnet.availability_zone)
        .sort(),
    ).toEqual(["us-east-1a", "us-east-1b", "us-east-1d"]);
  }, 300_000);

  it("stops the plan, before anything exists, when an explicit AZ is a zone EKS refuses", () => {
    const failure = planFailure(EXPLICIT_AZS, refusedC);
    expect(failure).toContain("Error: Resource postcondition failed");
    expect(failure).toContain(
      "azs lists us-east-1c, which is zone ID use1-az3 in this AWS account; EKS refuses cluster subnets in use1-az3, usw1-az2, cac1-az3.",
    );
  }, 300_000);

  it("stops the plan when fewer AZs than azCount are left once the refused zone is skipped", () => {
    expect(planFailure({ EKS_POC_AZ_COUNT: "6" }, refusedC)).toContain(
      "azCount is 6, but this region offers this AWS account only 5 AZs EKS accepts (us-east-1a, us-east-1b, us-east-1d, us-east-1e, us-east-1f). Lower azCount.",
    );
  }, 300_000);

  it("gives the deploying principal one admin entry, also when adminPrincipalArns lists it, and no bootstrap entry", () => {
    const { after } = plan(
      { ...EXPLICIT_AZS, EKS_POC_ADMIN_PRINCIPAL_ARNS: `${ORDINARY_ACCOUNT.callerArn},arn:aws:iam::123456789012:role/Ops` },
      ordinary,
    );
    expect(
      after("aws_eks_access_entry")
        .map((entry) => entry.principal_arn)
        .sort(),
    ).toEqual(["arn:aws:iam::123456789012:role/Ops", ORDINARY_ACCOUNT.callerArn]);
    expect(after("aws_eks_access_policy_association").map((association) => association.policy_arn)).toEqual(
      Array(2).fill("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"),
    );
    expect(after("aws_eks_cluster")[0].access_config[0].bootstrap_cluster_creator_admin_permissions).toBe(false);
  }, 300_000);

  it("gives a deploying assumed role's entry to the role, not to its session", () => {
    const { after } = plan(EXPLICIT_AZS, assumedRole);
    expect(after("aws_eks_access_entry").map((entry) => entry.principal_arn)).toEqual(["arn:aws:iam::123456789012:role/Role"]);
  }, 300_000);
});
