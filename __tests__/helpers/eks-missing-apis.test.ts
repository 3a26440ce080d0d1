import { ADDON_VERSIONS, EksMissingApis } from "./eks-missing-apis";

const ACCOUNT = "123456789012";
const USER = `arn:aws:iam::${ACCOUNT}:user/deployer`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/Ops`;
const ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/** The fake with one cluster, "c", and calls in the REST form the AWS SDKs send. */
function fake() {
  const apis = new EksMissingApis("us-east-1", ACCOUNT, (name) => name === "c");
  const call = (method: string, path: string, body: Record<string, unknown> = {}, query = "") =>
    apis.handle(method, path, new URLSearchParams(query), body);
  return { apis, call };
}

describe("the EKS APIs moto lacks", () => {
  it("lists add-on versions newest first, the default one marked, as the provider's aws_eks_addon_version reads them", () => {
    const { call } = fake();
    const answer = call("GET", "/addons/supported-versions", {}, "addonName=vpc-cni&kubernetesVersion=1.34");
    const [addon] = (answer?.body as any).addons;
    expect(addon.addonName).toBe("vpc-cni");
    expect(addon.addonVersions.map((v: any) => v.addonVersion)).toEqual(ADDON_VERSIONS["vpc-cni"]);
    // most_recent takes the first version; without it, the one compatible version marked defaultVersion.
    expect(addon.addonVersions.map((v: any) => v.compatibilities)).toEqual([
      [expect.objectContaining({ clusterVersion: "1.34", defaultVersion: false })],
      [expect.objectContaining({ clusterVersion: "1.34", defaultVersion: true })],
    ]);
    expect((call("GET", "/addons/supported-versions")?.body as any).addons).toHaveLength(Object.keys(ADDON_VERSIONS).length);
  });

  it("lists the Kubernetes versions EKS offers with their support status and dates, unsupported ones only with includeAll", () => {
    const { call } = fake();
    const offered = (call("GET", "/cluster-versions")?.body as any).clusterVersions;
    expect(offered.map((v: any) => v.versionStatus)).not.toContain("UNSUPPORTED");
    expect(offered.find((v: any) => v.clusterVersion === "1.35")).toMatchObject({
      versionStatus: "STANDARD_SUPPORT",
      endOfStandardSupportDate: Date.parse("2027-03-27T00:00:00Z") / 1000,
    });
    const all = (call("GET", "/cluster-versions", {}, "includeAll=true")?.body as any).clusterVersions;
    expect(all.filter((v: any) => v.versionStatus === "UNSUPPORTED").map((v: any) => v.clusterVersion)).toEqual(["1.30"]);
  });

  it("creates an add-on at its default version, active, and deletes it with its Pod Identity association", () => {
    const { apis, call } = fake();
    const created = call("POST", "/clusters/c/addons", {
      addonName: "vpc-cni",
      podIdentityAssociations: [{ serviceAccount: "aws-node", roleArn: ROLE }],
    });
    const addon = (created?.body as any).addon;
    expect(addon).toMatchObject({ addonName: "vpc-cni", clusterName: "c", status: "ACTIVE", addonVersion: ADDON_VERSIONS["vpc-cni"][1] });
    // The provider takes the association ID from the third part of the ARN.
    const [arn] = addon.podIdentityAssociations;
    expect(arn).toMatch(/^arn:aws:eks:us-east-1:123456789012:podidentityassociation\/c\/a-[0-9a-z]+$/);
    const id = arn.split("/")[2];
    expect((call("GET", `/clusters/c/pod-identity-associations/${id}`)?.body as any).association).toMatchObject({
      namespace: "kube-system",
      serviceAccount: "aws-node",
      roleArn: ROLE,
      associationArn: arn,
    });
    expect(call("GET", "/clusters/c/addons/vpc-cni")?.body).toEqual({ addon });

    expect((call("DELETE", "/clusters/c/addons/vpc-cni")?.body as any).addon.status).toBe("DELETING");
    expect(call("GET", "/clusters/c/addons/vpc-cni")).toMatchObject({ status: 404, errorType: "ResourceNotFoundException" });
    expect(call("GET", `/clusters/c/pod-identity-associations/${id}`)?.status).toBe(404);
    expect(apis.contents()).toEqual([]);
  });

  it("keeps the version asked for, and refuses a second add-on of a name, an unknown add-on and an unknown cluster", () => {
    const { call } = fake();
    expect(
      (call("POST", "/clusters/c/addons", { addonName: "coredns", addonVersion: "v1.13.1-eksbuild.2" })?.body as any).addon.addonVersion,
    ).toBe("v1.13.1-eksbuild.2");
    expect(call("POST", "/clusters/c/addons", { addonName: "coredns" })).toMatchObject({
      status: 409,
      errorType: "ResourceInUseException",
    });
    expect(call("POST", "/clusters/c/addons", { addonName: "no-such-addon" })).toMatchObject({
      status: 400,
      errorType: "InvalidParameterException",
    });
    expect(call("POST", "/clusters/other/addons", { addonName: "coredns" })).toMatchObject({
      status: 404,
      errorType: "ResourceNotFoundException",
    });
  });

  it("refuses by name the calls it does not answer, such as UpdateAddon", () => {
    const { call } = fake();
    call("POST", "/clusters/c/addons", { addonName: "coredns" });
    expect(call("POST", "/clusters/c/addons/coredns/update", { addonVersion: "v1" })).toMatchObject({
      status: 400,
      errorType: "InvalidRequestException",
      body: { message: "the EKS fake in front of moto does not answer POST on add-on coredns/update" },
    });
  });

  it("gives an access entry EKS's default type and username: the user's ARN, or the role's session pattern", () => {
    const { call } = fake();
    const user = (call("POST", "/clusters/c/access-entries", { principalArn: USER })?.body as any).accessEntry;
    expect(user).toMatchObject({ principalArn: USER, type: "STANDARD", username: USER, kubernetesGroups: [] });
    const role = (call("POST", "/clusters/c/access-entries", { principalArn: ROLE })?.body as any).accessEntry;
    expect(role.username).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Ops/{{SessionName}}`);
    // The SDKs put the principal's ARN in the path, escaped.
    expect((call("GET", `/clusters/c/access-entries/${encodeURIComponent(USER)}`)?.body as any).accessEntry).toEqual(user);
    expect(call("POST", "/clusters/c/access-entries", { principalArn: USER })?.status).toBe(409);
  });

  it("associates an access policy with an entry, lists it, disassociates it, and deletes the rest with the entry", () => {
    const { apis, call } = fake();
    const path = `/clusters/c/access-entries/${encodeURIComponent(USER)}/access-policies`;
    expect(call("POST", path, { policyArn: ADMIN_POLICY, accessScope: { type: "cluster" } })?.status).toBe(404);
    call("POST", "/clusters/c/access-entries", { principalArn: USER });
    call("POST", path, { policyArn: ADMIN_POLICY, accessScope: { type: "cluster" } });
    expect((call("GET", path)?.body as any).associatedAccessPolicies).toEqual([
      expect.objectContaining({ policyArn: ADMIN_POLICY, accessScope: { type: "cluster" } }),
    ]);
    expect(call("DELETE", `${path}/${encodeURIComponent(ADMIN_POLICY)}`)?.status).toBe(200);
    expect((call("GET", path)?.body as any).associatedAccessPolicies).toEqual([]);

    call("POST", path, { policyArn: ADMIN_POLICY, accessScope: { type: "cluster" } });
    expect(apis.contents()).toEqual([`eks access entry c/${USER}`, `eks access policy c/${USER} ${ADMIN_POLICY}`]);
    call("DELETE", `/clusters/c/access-entries/${encodeURIComponent(USER)}`);
    expect(apis.contents()).toEqual([]);
  });

  it("forgets what a deleted cluster held, and leaves moto's own APIs to moto", () => {
    const { apis, call } = fake();
    call("POST", "/clusters/c/addons", { addonName: "kube-proxy" });
    call("POST", "/clusters/c/access-entries", { principalArn: ROLE });
    apis.forgetCluster("c");
    expect(apis.contents()).toEqual([]);
    expect(call("GET", "/clusters/c")).toBeUndefined();
    expect(call("GET", "/clusters/c/node-groups/ng")).toBeUndefined();
  });
});
