import type { ControlPlaneLogs, SweepOptions } from "../../scripts/lib/control-plane-logs";
import {
  controlPlaneLogsOf,
  DEFAULT_LOG_WATCH_SECONDS,
  removeLeftoverLogGroup,
  stateHoldsLogGroup,
  sweepLogGroup,
} from "../../scripts/lib/control-plane-logs";
import { FakeAws } from "../helpers/fake-aws-cli";
import { synthCluster } from "../helpers/synth";

const target: ControlPlaneLogs = { clusterName: "eks-haproxy-poc", region: "us-east-1", logGroup: "/aws/eks/eks-haproxy-poc/cluster" };

/** The sweep on jest's fake clock, run to the window's end; EKS's re-creations (queued callbacks) happen as the clock moves. */
async function sweepOnFakeClock(aws: FakeAws, options: SweepOptions): Promise<string> {
  jest.useFakeTimers();
  try {
    const line = sweepLogGroup(aws.run, target, options);
    await jest.advanceTimersByTimeAsync(options.windowMs);
    return await line;
  } finally {
    jest.useRealTimers();
  }
}

describe("controlPlaneLogsOf", () => {
  it("reads the cluster's name, region and log group from the synthesized cluster stack", () => {
    const { tf } = synthCluster({ EKS_POC_CLUSTER_NAME: "demo", EKS_POC_REGION: "eu-west-1" });
    expect(controlPlaneLogsOf(tf)).toEqual({ clusterName: "demo", region: "eu-west-1", logGroup: "/aws/eks/demo/cluster" });
  });

  it("fails naming what is missing when the stack has no aws provider region", () => {
    const { tf } = synthCluster();
    expect(() => controlPlaneLogsOf({ ...tf, provider: {} })).toThrow("expected the aws provider's region in the cluster stack");
  });
});

describe("stateHoldsLogGroup", () => {
  const group = (name: string) => ({ mode: "managed", type: "aws_cloudwatch_log_group", instances: [{ attributes: { name } }] });

  it("is true only when the state holds the control-plane group itself", () => {
    expect(stateHoldsLogGroup({ resources: [group("/aws/vpc-flow-log/eks-haproxy-poc"), group(target.logGroup)] }, target)).toBe(true);
  });

  it("is false when the state holds only the flow-log group, as after a deploy that stopped early", () => {
    expect(stateHoldsLogGroup({ resources: [group("/aws/vpc-flow-log/eks-haproxy-poc")] }, target)).toBe(false);
    expect(stateHoldsLogGroup(undefined, target)).toBe(false);
  });
});

describe("before a deploy: removeLeftoverLogGroup", () => {
  it("deletes a group that no cluster and no state holds, so the cluster stack can create it", () => {
    const aws = new FakeAws();
    aws.logGroups.add(target.logGroup);
    expect(removeLeftoverLogGroup(aws.run, target, false)).toBe(
      "/aws/eks/eks-haproxy-poc/cluster: deleted, left behind by an earlier cluster of this name",
    );
    expect(aws.logGroups.size).toBe(0);
  });

  it("leaves the group the cluster stack's state holds", () => {
    const aws = new FakeAws();
    aws.logGroups.add(target.logGroup);
    expect(removeLeftoverLogGroup(aws.run, target, true)).toBeUndefined();
    expect(aws.logGroups.has(target.logGroup)).toBe(true);
    expect(aws.calls).toEqual([]);
  });

  it("leaves the group of a cluster that exists outside this project's state", () => {
    const aws = new FakeAws();
    aws.logGroups.add(target.logGroup);
    aws.clusters.add("eks-haproxy-poc");
    expect(removeLeftoverLogGroup(aws.run, target, false)).toMatch(/left alone, cluster eks-haproxy-poc exists outside/);
    expect(aws.logGroups.has(target.logGroup)).toBe(true);
  });

  it("does nothing when there is no group, and ignores groups that only share the prefix", () => {
    const aws = new FakeAws();
    aws.logGroups.add(`${target.logGroup}-other`);
    expect(removeLeftoverLogGroup(aws.run, target, false)).toBeUndefined();
    expect(aws.logGroups.size).toBe(1);
  });

  it("stops on an AWS error instead of guessing", () => {
    const denied = () => ({
      status: 254,
      stdout: "",
      stderr: "\nAn error occurred (AccessDeniedException) when calling the DescribeLogGroups operation: denied\n",
    });
    expect(() => removeLeftoverLogGroup(denied, target, false)).toThrow(
      "aws logs describe-log-groups failed: An error occurred (AccessDeniedException) when calling the DescribeLogGroups operation: denied",
    );
  });
});

describe("after a destroy: sweepLogGroup", () => {
  it("deletes the group each time EKS re-creates it during the window, and ends with none", async () => {
    const aws = new FakeAws();
    aws.logGroups.add(target.logGroup);
    aws.recreations = 2;
    const line = await sweepOnFakeClock(aws, { windowMs: 60_000, intervalMs: 15_000 });
    expect(line).toBe("/aws/eks/eks-haproxy-poc/cluster: deleted 3 times as EKS re-created it; none left after 60 s");
    expect(aws.logGroups.size).toBe(0);
    expect(aws.calls.filter((call) => call[1] === "describe-log-groups")).toHaveLength(5);
  });

  it("reports when nothing came back", async () => {
    const aws = new FakeAws();
    expect(await sweepOnFakeClock(aws, { windowMs: 30_000, intervalMs: 15_000 })).toBe(
      "/aws/eks/eks-haproxy-poc/cluster: none left (watched 30 s)",
    );
  });

  it("with no window, checks once without waiting and leaves later re-creations to the next deploy", async () => {
    expect(DEFAULT_LOG_WATCH_SECONDS).toBe(0);
    const none = new FakeAws();
    expect(await sweepOnFakeClock(none, { windowMs: DEFAULT_LOG_WATCH_SECONDS * 1000, intervalMs: 15_000 })).toBe(
      "/aws/eks/eks-haproxy-poc/cluster: none left now (a later re-creation is deleted by the next npm run deploy)",
    );
    expect(none.calls.filter((call) => call[1] === "describe-log-groups")).toHaveLength(1);
    const back = new FakeAws();
    back.logGroups.add(target.logGroup);
    back.recreations = 1;
    expect(await sweepOnFakeClock(back, { windowMs: 0, intervalMs: 15_000 })).toBe(
      "/aws/eks/eks-haproxy-poc/cluster: deleted as EKS re-created it (a later re-creation is deleted by the next npm run deploy)",
    );
    expect(back.calls.filter((call) => call[1] === "describe-log-groups")).toHaveLength(1);
  });

  it("leaves the group while the cluster still exists, since it would write to it again", async () => {
    const aws = new FakeAws();
    aws.clusters.add("eks-haproxy-poc");
    aws.logGroups.add(target.logGroup);
    expect(await sweepOnFakeClock(aws, { windowMs: 30_000, intervalMs: 15_000 })).toBe(
      "/aws/eks/eks-haproxy-poc/cluster: left alone, cluster eks-haproxy-poc still exists",
    );
    expect(aws.logGroups.has(target.logGroup)).toBe(true);
  });
});
