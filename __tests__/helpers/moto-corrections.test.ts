import type { MotoRequest } from "./moto-corrections";
import { MotoCorrections } from "./moto-corrections";

const eks = (method: string, path: string, body: object = {}): MotoRequest => ({
  service: "eks",
  method,
  path,
  body: JSON.stringify(body),
});
const ec2 = (params: Record<string, string>): MotoRequest => ({
  service: "ec2",
  method: "POST",
  path: "/",
  body: new URLSearchParams({ Version: "2016-11-15", ...params }).toString(),
});

/** What moto 5.2.1 answers, as it answered the cluster stack's calls. */
const MOTO_CLUSTER = { cluster: { name: "c", status: "ACTIVE", version: "1.35" } };
const MOTO_NODEGROUP = {
  nodegroup: {
    nodegroupName: "ng",
    clusterName: "c",
    remoteAccess: { ec2SshKey: "eksKeypair" },
    resources: { autoScalingGroups: [{ name: "eks-1" }], remoteAccessSecurityGroup: "sg-0123" },
    launchTemplate: { id: "lt-1", version: "1" },
  },
};
const item = (id: string, destination: string) =>
  `<item><flowLogId>${id}</flowLogId><logDestinationType>s3</logDestinationType><logDestination>${destination}</logDestination></item>`;
const TAG_SET =
  "<tagSet><item><key>Project</key><value>eks-haproxy-poc</value></item><item><key>ManagedBy</key><value>cdktf</value></item></tagSet>";
const versions = (specs: string) =>
  `<DescribeLaunchTemplateVersionsResponse><launchTemplateVersionSet><item><launchTemplateData><tagSpecificationSet>${specs}` +
  `</tagSpecificationSet></launchTemplateData></item></launchTemplateVersionSet></DescribeLaunchTemplateVersionsResponse>`;

describe("the corrections of moto's answers", () => {
  it("keeps the access configuration and upgrade policy CreateCluster was given, which moto drops", () => {
    const corrections = new MotoCorrections();
    const create = eks("POST", "/clusters", {
      name: "c",
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      upgradePolicy: { supportType: "STANDARD" },
    });
    const expected = { accessConfig: { authenticationMode: "API" }, upgradePolicy: { supportType: "STANDARD" } };
    expect(JSON.parse(corrections.response(create, 200, JSON.stringify(MOTO_CLUSTER))).cluster).toMatchObject(expected);
    expect(JSON.parse(corrections.response(eks("GET", "/clusters/c"), 200, JSON.stringify(MOTO_CLUSTER))).cluster).toMatchObject(expected);
    expect(corrections.clusters.has("c")).toBe(true);
    corrections.response(eks("DELETE", "/clusters/c"), 200, JSON.stringify(MOTO_CLUSTER));
    expect(corrections.clusters.has("c")).toBe(false);
  });

  it("gives a cluster created without them EKS's defaults: CONFIG_MAP authentication, extended support", () => {
    const corrections = new MotoCorrections();
    expect(
      JSON.parse(corrections.response(eks("POST", "/clusters", { name: "c" }), 200, JSON.stringify(MOTO_CLUSTER))).cluster,
    ).toMatchObject({
      accessConfig: { authenticationMode: "CONFIG_MAP" },
      upgradePolicy: { supportType: "EXTENDED" },
    });
  });

  it("gives a node group with a launch template no SSH access and keeps its update configuration", () => {
    const corrections = new MotoCorrections();
    const sent = { nodegroupName: "ng", launchTemplate: { id: "lt-1", version: "1" }, updateConfig: { maxUnavailable: 1 } };
    const created = JSON.parse(
      corrections.response(eks("POST", "/clusters/c/node-groups", sent), 200, JSON.stringify(MOTO_NODEGROUP)),
    ).nodegroup;
    expect(created).not.toHaveProperty("remoteAccess");
    expect(created.resources).toEqual({ autoScalingGroups: [{ name: "eks-1" }] });
    expect(created.updateConfig).toEqual({ maxUnavailable: 1 });
    const read = JSON.parse(corrections.response(eks("GET", "/clusters/c/node-groups/ng"), 200, JSON.stringify(MOTO_NODEGROUP))).nodegroup;
    expect(read).toEqual(created);
  });

  it("keeps the SSH access a node group asked for", () => {
    const corrections = new MotoCorrections();
    const sent = { nodegroupName: "ng", remoteAccess: { ec2SshKey: "eksKeypair" } };
    const created = JSON.parse(
      corrections.response(eks("POST", "/clusters/c/node-groups", sent), 200, JSON.stringify(MOTO_NODEGROUP)),
    ).nodegroup;
    expect(created.remoteAccess).toEqual({ ec2SshKey: "eksKeypair" });
    expect(created.updateConfig).toEqual({ maxUnavailable: 1 });
  });

  it("sends moto the flow-log bucket without its folder and answers with the ARN as given", () => {
    const corrections = new MotoCorrections();
    const create = ec2({ Action: "CreateFlowLogs", LogDestinationType: "s3", LogDestination: "arn:aws:s3:::central-flow-logs/eks" });
    expect(new URLSearchParams(corrections.request(create)).get("LogDestination")).toBe("arn:aws:s3:::central-flow-logs");
    corrections.response(create, 200, "<CreateFlowLogsResponse><flowLogIdSet><item>fl-0a1</item></flowLogIdSet></CreateFlowLogsResponse>");
    const described = corrections.response(
      ec2({ Action: "DescribeFlowLogs" }),
      200,
      `<DescribeFlowLogsResponse><flowLogSet>${item("fl-0b2", "arn:aws:s3:::other")}${item("fl-0a1", "arn:aws:s3:::central-flow-logs")}</flowLogSet></DescribeFlowLogsResponse>`,
    );
    expect(described).toBe(
      `<DescribeFlowLogsResponse><flowLogSet>${item("fl-0b2", "arn:aws:s3:::other")}${item("fl-0a1", "arn:aws:s3:::central-flow-logs/eks")}</flowLogSet></DescribeFlowLogsResponse>`,
    );
  });

  it("sends a bucket without a folder, and other calls, as they are", () => {
    const corrections = new MotoCorrections();
    const plain = ec2({ Action: "CreateFlowLogs", LogDestinationType: "s3", LogDestination: "arn:aws:s3:::central-flow-logs" });
    expect(corrections.request(plain)).toBe(plain.body);
    const vpc = ec2({ Action: "CreateVpc", CidrBlock: "10.0.0.0/16" });
    expect(corrections.request(vpc)).toBe(vpc.body);
  });

  it("leaves the launch template's own tags out of the tags it applies at launch", () => {
    const corrections = new MotoCorrections();
    const instance = `<item><resourceType>instance</resourceType>${TAG_SET}</item>`;
    const volume = `<item><resourceType>volume</resourceType>${TAG_SET}</item>`;
    const own = `<item><resourceType>launch-template</resourceType>${TAG_SET}</item>`;
    expect(corrections.response(ec2({ Action: "DescribeLaunchTemplateVersions" }), 200, versions(instance + volume + own))).toBe(
      versions(instance + volume),
    );
  });

  it("passes errors through untouched", () => {
    const corrections = new MotoCorrections();
    const error = '{"message": "No cluster found for name: c."}';
    expect(corrections.response(eks("GET", "/clusters/c"), 404, error)).toBe(error);
  });
});
