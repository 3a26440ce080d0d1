import type { HarnessInputs } from "../../harness/harness-inputs";
import { failingTargetWindowSeconds } from "../../harness/nlb/nlb-health-check";
import type { PublishedPortName } from "../../kubernetes/rendered-overlay";

/** What the banner reads of the local cluster (a started LocalCluster), no more. */
export interface BannerCluster {
  readonly nodes: ReadonlyArray<{
    readonly instance: { readonly availabilityZone: string };
    /** The node's HAProxy pod, whose namespace the banner names. */
    readonly pod: { readonly run: { readonly host: { readonly namespace: string } } };
  }>;
  readonly nginx: readonly unknown[];
  readonly loadBalancerHost: { readonly ip: string };
  readonly network: { readonly gateway: string };
  readonly stats: { readonly username: string; readonly password: string };
  readonly inputs: Pick<HarnessInputs, "healthCheck" | "loadBalancerPortsByName">;
  loadBalancerUrl(portName: PublishedPortName): string;
}

/** What `npm start` prints once the local cluster answers: the URLs, the credentials, things to try. */
export function startBanner(cluster: BannerCluster, seconds: number): string[] {
  const http = cluster.loadBalancerUrl("http");
  const metadata = cluster.loadBalancerUrl("metadata");
  const metadataPort = cluster.inputs.loadBalancerPortsByName.metadata.port;
  const stats = cluster.loadBalancerUrl("stats");
  const node = cluster.nodes[0];
  const zones = cluster.nodes.map((n) => n.instance.availabilityZone);
  return [
    `local cluster up in ${seconds.toFixed(1)} s: ${cluster.nodes.length} nodes (${zones.join(", ")}), each with HAProxy and the metadata app, ` +
      `${cluster.nginx.length} nginx, DNS, a load balancer stand-in at ${cluster.loadBalancerHost.ip} (network namespaces on the bridge ${cluster.network.gateway}/24)`,
    "",
    `  nginx behind HAProxy   ${http}/`,
    `  which node and AZ      ${metadata}/`,
    `  HAProxy statistics     ${stats}/   user ${cluster.stats.username}, password ${cluster.stats.password}`,
    "",
    "Try, from another shell on this machine:",
    `  curl ${http}/`,
    `  curl -H 'Accept: text/plain' ${metadata}/`,
    `  curl -u ${cluster.stats.username}:${cluster.stats.password} '${stats}/;csv'`,
    `  npm run verify -- --url ${http} --azs ${zones.join(",")}`,
    `  stop node 1's HAProxy pod (${node.instance.availabilityZone}):  ip netns pids ${node.pod.run.host.namespace} | xargs kill`,
    `  then watch port ${metadataPort} answer from the other AZs once the load balancer's health checks fail (within ${failingTargetWindowSeconds(cluster.inputs.healthCheck)} s):`,
    `    while sleep 1; do curl -s -H 'Accept: text/plain' ${metadata}/ | tr '\\n' ' '; echo; done`,
    "",
    "Ctrl-C stops the local cluster and removes everything it created.",
  ];
}
