import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { ZonalNodeGroupProps } from "../../constructs/zonal-node-group";
import { ZonalNodeGroup } from "../../constructs/zonal-node-group";
import { only, ref, synthScope } from "../helpers/synth-scope";

const REQUIRED: ZonalNodeGroupProps = {
  clusterName: "demo",
  kubernetesVersion: "1.35",
  name: "demo-az0",
  nodeRoleArn: "arn:aws:iam::123456789012:role/demo-node",
  subnetId: "subnet-0a",
  instanceTypes: ["t3.medium"],
  amiType: "AL2023_x86_64_STANDARD",
  desiredSize: 1,
  minSize: 1,
  maxSize: 2,
  diskSizeGib: 20,
  imdsHopLimit: 2,
  tags: {},
};
const ENCRYPTED = { volume_type: "gp3", encrypted: "true", delete_on_termination: "true" };

function synthGroup(props: Partial<ZonalNodeGroupProps> = {}, withDependency = false) {
  return synthScope((scope) => {
    const dependsOn = withDependency ? [new IamRole(scope, "before", { assumeRolePolicy: "{}" })] : undefined;
    new ZonalNodeGroup(scope, "nodes", { ...REQUIRED, dependsOn, ...props });
  });
}

describe("ZonalNodeGroup with its required props", () => {
  it("pins one managed node group to its one subnet, launched from its template, one node replaced at a time", () => {
    const { tf } = synthGroup();
    const [templateId] = only(tf, "aws_launch_template");
    expect(only(tf, "aws_eks_node_group")[1]).toEqual({
      cluster_name: "demo",
      node_group_name: "demo-az0",
      version: "1.35",
      node_role_arn: REQUIRED.nodeRoleArn,
      subnet_ids: ["subnet-0a"],
      instance_types: ["t3.medium"],
      ami_type: "AL2023_x86_64_STANDARD",
      scaling_config: { desired_size: 1, min_size: 1, max_size: 2 },
      update_config: { max_unavailable: 1 },
      launch_template: {
        id: ref("aws_launch_template", templateId, "id"),
        version: `\${aws_launch_template.${templateId}.latest_version}`,
      },
    });
  });

  it("requires IMDSv2 with the given hop limit, and names the template after the group", () => {
    const [, template] = only(synthGroup().tf, "aws_launch_template");
    expect(template).toMatchObject({
      name_prefix: "demo-az0-",
      update_default_version: true,
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 2 },
    });
  });

  it("gives AL2023's one volume the disk size, encrypted", () => {
    const [, template] = only(synthGroup().tf, "aws_launch_template");
    expect(template.block_device_mappings).toEqual([{ device_name: "/dev/xvda", ebs: { ...ENCRYPTED, volume_size: 20 } }]);
  });

  it("tags what EC2 creates from the template with the group's name", () => {
    const [, template] = only(synthGroup().tf, "aws_launch_template");
    expect(template.tag_specifications).toEqual(
      ["instance", "volume", "network-interface"].map((resource_type) => ({
        resource_type,
        tags: { Name: "demo-az0" },
      })),
    );
  });
});

describe("ZonalNodeGroup with every prop set", () => {
  const custom: Partial<ZonalNodeGroupProps> = {
    instanceTypes: ["m6i.large", "m5.large"],
    amiType: "BOTTLEROCKET_x86_64",
    desiredSize: 2,
    minSize: 1,
    maxSize: 3,
    diskSizeGib: 50,
    imdsHopLimit: 1,
    tags: { Team: "platform", Name: "ignored" },
  };

  it("passes sizes, types and AMI type to the node group, and waits for what it depends on", () => {
    const { json, tf } = synthGroup(custom, true);
    expect(json).toHaveResourceWithProperties(EksNodeGroup, {
      instance_types: ["m6i.large", "m5.large"],
      ami_type: "BOTTLEROCKET_x86_64",
      scaling_config: { desired_size: 2, min_size: 1, max_size: 3 },
    });
    const [roleId] = only(tf, "aws_iam_role");
    expect(only(tf, "aws_eks_node_group")[1].depends_on).toEqual([`aws_iam_role.${roleId}`]);
  });

  it("keeps pods away from instance metadata with a hop limit of 1", () => {
    const [, template] = only(synthGroup(custom).tf, "aws_launch_template");
    expect(template.metadata_options.http_put_response_hop_limit).toBe(1);
  });

  it("gives Bottlerocket's data volume the disk size and leaves its OS volume at the AMI's, both encrypted", () => {
    const [, template] = only(synthGroup(custom).tf, "aws_launch_template");
    expect(template.block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: ENCRYPTED },
      { device_name: "/dev/xvdb", ebs: { ...ENCRYPTED, volume_size: 50 } },
    ]);
  });

  it("adds the tags to what EC2 creates, the group's Name winning over a Name tag", () => {
    const [, template] = only(synthGroup(custom).tf, "aws_launch_template");
    for (const spec of template.tag_specifications) expect(spec.tags).toEqual({ Team: "platform", Name: "demo-az0" });
  });
});
