import type { Construct } from "constructs";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import type { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { DataKubernetesServiceV1 } from "@cdktf/provider-kubernetes/lib/data-kubernetes-service-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import type { Settings } from "../config/settings-spec";
import { KustomizeManifests } from "../constructs/kustomize-manifests";
import { StatsCredentials } from "../constructs/stats-credentials";
import type { KubernetesObject } from "../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../kubernetes/rendered-overlay";
import { withStatsService } from "../kubernetes/stats-service";
import { KubectlProvider } from "../providers/kubectl";
import { configureStateBackend } from "./state-backend";

export interface WorkloadsStackProps {
  /** Project settings. */
  readonly settings: Settings;
  /** The cluster of the cluster stack; referring to it makes this stack depend on that one. */
  readonly cluster: EksCluster;
  /** The rendered overlay. */
  readonly objects: readonly KubernetesObject[];
}

/**
 * The Kubernetes half: the kustomize overlay applied object by object, and the
 * load balancers' URLs. The stats page's Service is applied only when
 * `statsSourceRanges` names who may reach it.
 */
export class WorkloadsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: WorkloadsStackProps) {
    super(scope, id);
    const { settings, cluster } = props;
    const overlay = new RenderedOverlay(props.objects);
    const objects = withStatsService(overlay, settings.statsSourceRanges);
    configureStateBackend(this, id, settings.state);

    // Short-lived tokens from the AWS CLI at every run: no token is stored in state.
    const endpoint = { host: cluster.endpoint, clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data) };
    const exec = {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", cluster.name, "--region", settings.region, "--output", "json"],
    };
    const kubernetes = new KubernetesProvider(this, "kubernetes", { ...endpoint, exec: [exec] });
    // Retries ride out the minutes after cluster creation when the API server or its webhooks still settle.
    const kubectl = new KubectlProvider(this, "kubectl", { ...endpoint, exec, loadConfigFile: false, applyRetryCount: 5 });
    new RandomProvider(this, "random");

    const manifests = new KustomizeManifests(this, "manifests", {
      objects,
      provider: kubectl,
      loadBalancer: {
        sourceRanges: settings.loadBalancerSourceRanges,
        sourceRangesByService: { [overlay.statsService.metadata.name]: settings.statsSourceRanges },
        tags: settings.tags,
      },
    });
    const stats = new StatsCredentials(this, "stats", {
      secretName: overlay.statsSecret.name,
      usernameKey: overlay.statsSecret.usernameKey,
      passwordKey: overlay.statsSecret.passwordKey,
      namespace: overlay.namespace,
      provider: kubernetes,
      dependsOn: manifests.namespaces,
    });
    manifests.addWorkloadDependency(stats.secret);
    this.addOutputs(overlay, objects.includes(overlay.statsService), manifests, kubernetes, stats);
  }

  /**
   * The original project's step 5 (`kubectl get services`) as outputs: one URL
   * per port, and how to reach an unpublished stats page.
   */
  private addOutputs(
    overlay: RenderedOverlay,
    statsPublished: boolean,
    manifests: KustomizeManifests,
    kubernetes: KubernetesProvider,
    stats: StatsCredentials,
  ): void {
    const hostname = this.liveHostname("load-balancer", overlay.mainService, manifests, kubernetes);
    new TerraformOutput(this, "load_balancer_hostname", { value: hostname });
    // Named after the Services' ports (http, metadata, stats), at the ports the overlay gives them.
    const published = [{ service: overlay.mainService, hostname }];
    if (statsPublished) {
      published.push({
        service: overlay.statsService,
        hostname: this.liveHostname("stats-load-balancer", overlay.statsService, manifests, kubernetes),
      });
    }
    for (const { service, hostname: host } of published) {
      for (const { name, port } of overlay.portsOf(service)) {
        new TerraformOutput(this, `${name}_url`, { value: `http://${host}${port === 80 ? "" : `:${port}`}/` });
      }
    }
    const daemonSet = overlay.daemonSet;
    const statsPort = overlay.haproxyPorts.stats;
    new TerraformOutput(this, "stats_port_forward", {
      description: `Reaches the stats page of one HAProxy pod at http://localhost:${statsPort}/ without a load balancer`,
      value: `kubectl -n ${daemonSet.metadata.namespace} port-forward daemonset/${daemonSet.metadata.name} ${statsPort}:${statsPort}`,
    });
    new TerraformOutput(this, "stats_username", { value: stats.username });
    new TerraformOutput(this, "stats_password", { value: stats.password, sensitive: true });
  }

  /** The host name AWS gives a LoadBalancer Service's load balancer, read once the Service is applied. */
  private liveHostname(id: string, service: KubernetesObject, manifests: KustomizeManifests, kubernetes: KubernetesProvider): string {
    const live = new DataKubernetesServiceV1(this, id, {
      provider: kubernetes,
      metadata: { name: service.metadata.name, namespace: service.metadata.namespace },
      dependsOn: manifests.loadBalancers,
    });
    return live.status.get(0).loadBalancer.get(0).ingress.get(0).hostname;
  }
}
