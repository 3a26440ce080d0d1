import { EKS_SERVICE_RANGES, exceptClusterRanges } from "../../kubernetes/haproxy-egress";
import { findObject } from "../../kubernetes/kubernetes-object";
import { renderedPoc } from "../helpers/rendered";

/** The except-list of HAProxy's egress rule to any address, as synth renders it for `vpcCidr`. */
function exceptFor(vpcCidr: string): string[] {
  const policy = findObject(exceptClusterRanges(renderedPoc(), vpcCidr), "NetworkPolicy", "allow-haproxy");
  const blocks = policy.spec.egress.flatMap((rule: any) => rule.to ?? []).filter((peer: any) => peer.ipBlock?.cidr === "0.0.0.0/0");
  expect(blocks).toHaveLength(1);
  return blocks[0].ipBlock.except;
}

describe("exceptClusterRanges", () => {
  it("excepts a VPC outside RFC 1918 from HAProxy's egress to any address, with the Service ranges", () => {
    const except = exceptFor("100.64.0.0/16");
    expect(except).toContain("100.64.0.0/16");
    // EKS's two Service ranges lie in the manifest's private ranges, which hold them.
    expect(except).toEqual(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/16"]);
  });

  it("excepts a public VPC too", () => {
    expect(exceptFor("52.10.0.0/16")).toContain("52.10.0.0/16");
  });

  it("leaves the rendered list as it was when the private ranges hold the VPC", () => {
    expect(exceptFor("10.0.0.0/16")).toEqual(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"]);
  });

  it("adds the Service ranges when no listed range holds them", () => {
    const bare = renderedPoc().map((object) =>
      object.kind === "NetworkPolicy" && object.metadata.name.endsWith("allow-haproxy")
        ? {
            ...object,
            spec: {
              ...object.spec,
              egress: object.spec.egress.map((rule: any) => ({
                ...rule,
                to: rule.to?.map((peer: any) => (peer.ipBlock?.cidr === "0.0.0.0/0" ? { ipBlock: { cidr: "0.0.0.0/0" } } : peer)),
              })),
            },
          }
        : object,
    );
    const policy = findObject(exceptClusterRanges(bare, "100.64.0.0/16"), "NetworkPolicy", "allow-haproxy");
    const [block] = policy.spec.egress.flatMap((rule: any) => rule.to ?? []).filter((peer: any) => peer.ipBlock?.cidr === "0.0.0.0/0");
    expect(block.ipBlock.except).toEqual(["100.64.0.0/16", ...EKS_SERVICE_RANGES]);
  });

  it("changes no other object, nor the policy's other rules", () => {
    const before = renderedPoc();
    const after = exceptClusterRanges(before, "100.64.0.0/16");
    expect(after.filter((object, i) => object !== before[i]).map((object) => object.kind)).toEqual(["NetworkPolicy"]);
    const [policyBefore, policyAfter] = [before, after].map((objects) => findObject(objects, "NetworkPolicy", "allow-haproxy"));
    expect(policyAfter.spec.ingress).toEqual(policyBefore.spec.ingress);
    expect(policyAfter.spec.egress.filter((rule: any) => !rule.to?.some((peer: any) => peer.ipBlock?.cidr === "0.0.0.0/0"))).toEqual(
      policyBefore.spec.egress.filter((rule: any) => !rule.to?.some((peer: any) => peer.ipBlock?.cidr === "0.0.0.0/0")),
    );
  });
});
