import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { ADDITIONAL_TAGS_ANNOTATION, additionalTagsAnnotation, configureLoadBalancerService } from "../../kubernetes/load-balancer-service";
import { settingsFrom } from "../helpers/settings";

/**
 * How cloud-provider-aws reads the annotation (pkg/providers/v1/aws_loadbalancer.go,
 * getKeyValuePropertiesFromAnnotation): trim, split on ",", trim each pair,
 * split on "=", keep the first two parts; a bare key gets an empty value.
 */
function controllerReads(annotation: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of annotation.trim().split(",")) {
    const parts = pair.trim().split("=");
    if (parts[0].length === 0) continue;
    tags[parts[0]] = parts.length >= 2 ? parts[1] : "";
  }
  return tags;
}

const service: KubernetesObject = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "haproxy", annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" } },
  spec: { type: "LoadBalancer", ports: [{ name: "http", port: 80 }] },
};

describe("configureLoadBalancerService", () => {
  it("adds the source ranges and the tags annotation and keeps the rest", () => {
    const configured = configureLoadBalancerService(service, { sourceRanges: ["203.0.113.0/24"], tags: { Team: "platform" } });
    expect(configured.spec).toEqual({ ...service.spec, loadBalancerSourceRanges: ["203.0.113.0/24"] });
    expect(configured.metadata.annotations).toEqual({
      "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
      [ADDITIONAL_TAGS_ANNOTATION]: "Team=platform",
    });
    expect(service.spec.loadBalancerSourceRanges).toBeUndefined();
  });

  it("gives a Service named in sourceRangesByService its own ranges, and the others the common ones", () => {
    const options = { sourceRanges: ["0.0.0.0/0"], sourceRangesByService: { "haproxy-stats": ["198.51.100.7/32"] }, tags: {} };
    const stats = { ...service, metadata: { ...service.metadata, name: "haproxy-stats" } };
    expect(configureLoadBalancerService(stats, options).spec.loadBalancerSourceRanges).toEqual(["198.51.100.7/32"]);
    expect(configureLoadBalancerService(service, options).spec.loadBalancerSourceRanges).toEqual(["0.0.0.0/0"]);
  });

  it("adds no tags annotation when there are no tags", () => {
    const configured = configureLoadBalancerService(service, { sourceRanges: ["0.0.0.0/0"], tags: {} });
    expect(Object.keys(configured.metadata.annotations!)).toEqual(["service.beta.kubernetes.io/aws-load-balancer-type"]);
  });
});

describe("the tags annotation, as the controller reads it", () => {
  it.each([
    ["the default tags", {}],
    [
      "values with spaces and the other characters AWS allows",
      { EKS_POC_TAGS: "Owner=Jane Doe,Path=/team/a:b,Mail=ops@example.com,Plus=a+b-c_d.e" },
    ],
    ["an empty value", { EKS_POC_TAGS: "Project=poc,Flag=" }],
  ])("round-trips %s that the settings accept", (_, env) => {
    const { tags } = settingsFrom(env);
    expect(controllerReads(additionalTagsAnnotation(tags))).toEqual(tags);
  });

  it("would lose a value holding = (which the settings refuse)", () => {
    expect(controllerReads(additionalTagsAnnotation({ Formula: "a=b" }))).toEqual({ Formula: "a" });
  });
});
