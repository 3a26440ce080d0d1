import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { STACK_NAMES } from "../../stacks/stack-names";
import { planDestroy } from "../../scripts/lib/destroy-plan";
import type { StateLocation, TerraformState } from "../../scripts/lib/stack-state";
import { readState, stateLocation } from "../../scripts/lib/stack-state";
import { ClusterStack } from "../../stacks/cluster-stack";
import { FakeAws } from "../helpers/fake-aws-cli";
import { settingsFrom } from "../helpers/settings";

const resource = (type: string, instances = 1, mode = "managed") => ({ mode, type, name: type, instances: Array(instances).fill({}) });
/** What a cluster stack's state holds when the first deploy failed before the cluster existed. */
const FAILED_BEFORE_CLUSTER: TerraformState = {
  resources: [resource("aws_vpc"), resource("aws_iam_role", 2), resource("aws_kms_key"), resource("aws_availability_zones", 1, "data")],
};
const DEPLOYED_CLUSTER: TerraformState = {
  resources: [resource("aws_vpc"), resource("aws_eks_cluster"), resource("aws_eks_node_group", 3)],
};
const DEPLOYED_WORKLOADS: TerraformState = {
  resources: [resource("terraform_remote_state", 1, "data"), resource("kubectl_manifest", 9), resource("random_password")],
};
/** Terraform leaves a state file with no resources after a destroy, or after a plan-time failure. */
const EMPTY: TerraformState = { resources: [] };

function plan(cluster: TerraformState | undefined, workloads: TerraformState | undefined) {
  return planDestroy({
    cluster: { name: STACK_NAMES.cluster, state: cluster },
    workloads: { name: STACK_NAMES.workloads, state: workloads, where: "terraform.eks-workloads.tfstate" },
  });
}

describe("planDestroy", () => {
  it("destroys both stacks when both are deployed", () => {
    expect(plan(DEPLOYED_CLUSTER, DEPLOYED_WORKLOADS)).toEqual({
      stacks: ["eks-workloads", "eks-cluster"],
      notes: [],
    });
  });

  it.each([
    ["has no state", undefined],
    ["has an empty state", EMPTY],
    ["holds only data sources", { resources: [resource("terraform_remote_state", 1, "data")] }],
  ])("destroys the cluster stack alone when the workloads stack %s", (_, workloads) => {
    expect(plan(FAILED_BEFORE_CLUSTER, workloads)).toEqual({
      stacks: ["eks-cluster"],
      notes: ["eks-workloads: nothing deployed, skipped"],
    });
  });

  it("skips workloads whose cluster is gone, and says which state is stale", () => {
    const result = plan(FAILED_BEFORE_CLUSTER, DEPLOYED_WORKLOADS);
    expect(result.stacks).toEqual(["eks-cluster"]);
    expect(result.notes).toEqual([
      "eks-workloads: its state lists 10 resources, but the cluster they ran in is gone; skipped (they went with the cluster); remove terraform.eks-workloads.tfstate if it is stale",
    ]);
  });

  it("runs nothing when nothing is deployed", () => {
    expect(plan(undefined, undefined).stacks).toEqual([]);
    expect(plan(EMPTY, EMPTY).notes).toEqual(["eks-workloads: nothing deployed, skipped", "eks-cluster: nothing deployed, skipped"]);
  });
});

describe("reading each stack's state where its backend keeps it", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** The cluster stack synthesized with `env`, and the state location its cdk.tf.json names. */
  function synthesizedLocation(env: Record<string, string>): StateLocation {
    const stack = new ClusterStack(Testing.app(), STACK_NAMES.cluster, settingsFrom({ EKS_POC_AZS: "us-east-1a,us-east-1b", ...env }));
    const dir = mkdtempSync(join(tmpdir(), "stack-"));
    dirs.push(dir);
    writeFileSync(join(dir, "cdk.tf.json"), Testing.synth(stack));
    return stateLocation(dir);
  }

  it("reads a local state file, and a missing one as nothing deployed", () => {
    const location = synthesizedLocation({});
    expect(location).toEqual({ kind: "local", path: expect.stringMatching(/terraform\.eks-cluster\.tfstate$/) });
    const dir = mkdtempSync(join(tmpdir(), "state-"));
    dirs.push(dir);
    const local = { kind: "local" as const, path: join(dir, "terraform.eks-cluster.tfstate") };
    const aws = new FakeAws();
    expect(readState(local, () => aws.run)).toBeUndefined();
    writeFileSync(local.path, JSON.stringify(FAILED_BEFORE_CLUSTER));
    expect(
      plan(
        readState(local, () => aws.run),
        undefined,
      ).stacks,
    ).toEqual(["eks-cluster"]);
    expect(aws.calls).toEqual([]);
  });

  it("reads S3 state through the AWS CLI, and a missing object as nothing deployed", () => {
    const location = synthesizedLocation({ EKS_POC_STATE_BUCKET: "tf-state", EKS_POC_STATE_REGION: "eu-west-1" });
    expect(location).toEqual({ kind: "s3", bucket: "tf-state", key: "eks-haproxy-poc/eks-cluster.tfstate", region: "eu-west-1" });
    const aws = new FakeAws();
    expect(readState(location, () => aws.run)).toBeUndefined();
    aws.objects.set("s3://tf-state/eks-haproxy-poc/eks-cluster.tfstate", JSON.stringify(DEPLOYED_CLUSTER));
    expect(readState(location, () => aws.run)).toEqual(DEPLOYED_CLUSTER);
    expect(aws.calls[0]).toEqual(["s3", "cp", "s3://tf-state/eks-haproxy-poc/eks-cluster.tfstate", "-", "--region", "eu-west-1"]);
  });

  it("stops on an S3 error other than a missing object", () => {
    const failing = () => () => ({
      status: 1,
      stdout: "",
      stderr: "\nfatal error: An error occurred (403) when calling the HeadObject operation: Forbidden\n",
    });
    expect(() => readState({ kind: "s3", bucket: "b", key: "k", region: "us-east-1" }, failing)).toThrow(
      "aws s3 cp failed: fatal error: An error occurred (403) when calling the HeadObject operation: Forbidden",
    );
  });

  it("refuses a backend it does not know", () => {
    const dir = mkdtempSync(join(tmpdir(), "stack-"));
    dirs.push(dir);
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify({ terraform: { backend: { remote: {} } } }));
    expect(() => stateLocation(dir)).toThrow(`${dir}: unsupported backend remote`);
  });
});
