// What the cluster stack hands on: its outputs, and the inputs of the cluster and flow logs that come from other
// resources. Beside cluster-stack.test.ts, as cluster-stack.plan.test.ts is.
import { resourcesOf, synthCluster } from "../helpers/synth";

describe("ClusterStack's outputs and wiring", () => {
  it("outputs the cluster's name and endpoint and the region, as references and values", () => {
    const { tf } = synthCluster({ EKS_POC_REGION: "eu-west-1" });
    const [clusterId] = Object.keys(tf.resource.aws_eks_cluster);
    expect(tf.output.cluster_name.value).toBe(`\${aws_eks_cluster.${clusterId}.name}`);
    expect(tf.output.cluster_endpoint.value).toBe(`\${aws_eks_cluster.${clusterId}.endpoint}`);
    expect(tf.output.region.value).toBe("eu-west-1");
  });

  it("puts the cluster in every subnet, public and private", () => {
    const { tf } = synthCluster({ EKS_POC_SUBNET_MODE: "private", EKS_POC_AZS: "us-east-1a,us-east-1b" });
    const subnetIds = Object.keys(tf.resource.aws_subnet).map((id) => `\${aws_subnet.${id}.id}`);
    expect(subnetIds).toHaveLength(4);
    expect([...resourcesOf(tf, "aws_eks_cluster")[0].vpc_config.subnet_ids].sort()).toEqual(subnetIds.sort());
  });

  it("sends the flow logs to CloudWatch Logs by default", () => {
    const [flowLog] = resourcesOf(synthCluster().tf, "aws_flow_log");
    expect(flowLog.log_destination_type).toBe("cloud-watch-logs");
  });
});
