import { HarnessInputs } from "../../harness/harness-inputs";
import type { IService } from "kubernetes-models/v1/Service";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { typed } from "../../kubernetes/kubernetes-object";
import type { PublishedPortName } from "../../kubernetes/rendered-overlay";
import type { BannerCluster } from "../../scripts/lib/start-banner";
import { startBanner } from "../../scripts/lib/start-banner";
import { renderedPoc } from "../helpers/rendered";

/** A started local cluster as far as the banner reads it, on the harness inputs of `objects`. */
function clusterOf(objects: KubernetesObject[]): BannerCluster {
  const inputs = new HarnessInputs(objects);
  const zones = ["us-east-1a", "us-east-1b"];
  return {
    nodes: zones.map((availabilityZone, i) => ({
      instance: { availabilityZone },
      pod: { run: { host: { namespace: `ekspoc-ab12-prd-haproxy-bcdf${i + 2}` } } },
    })),
    nginx: [{}, {}],
    loadBalancerHost: { ip: "10.77.0.2" },
    network: { gateway: "10.77.0.1" },
    stats: { username: "stats", password: "pw" },
    inputs,
    loadBalancerUrl: (name: PublishedPortName) => `http://10.77.0.2:${inputs.loadBalancerPortsByName[name].port}`,
  };
}

/** The poc overlay with the Service port named `name` at `port` instead. */
function withServicePort(name: string, port: number): KubernetesObject[] {
  const objects = structuredClone(renderedPoc());
  const servicePorts = objects.filter((o) => o.kind === "Service").flatMap((o) => typed<IService>(o).spec?.ports ?? []);
  const found = servicePorts.find((p) => p.name === name);
  if (!found) throw new Error(`the poc overlay publishes no port named ${name}`);
  found.port = port;
  return objects;
}

describe("startBanner", () => {
  it("prints the load balancer's URLs, the stats credentials and the ports of the poc overlay", () => {
    const banner = startBanner(clusterOf(renderedPoc()), 12.34).join("\n");
    expect(banner).toMatch(/^local cluster up in 12\.3 s: 2 nodes \(us-east-1a, us-east-1b\)/);
    expect(banner).toContain("  which node and AZ      http://10.77.0.2:5000/");
    expect(banner).toContain("user stats, password pw");
    expect(banner).toContain("then watch port 5000 answer from the other AZs");
  });

  it("names the metadata port the rendered Service publishes, not a fixed 5000", () => {
    const banner = startBanner(clusterOf(withServicePort("metadata", 5080)), 1).join("\n");
    expect(banner).toContain("  which node and AZ      http://10.77.0.2:5080/");
    expect(banner).toContain("then watch port 5080 answer from the other AZs");
    expect(banner).not.toContain("5000");
  });
});
