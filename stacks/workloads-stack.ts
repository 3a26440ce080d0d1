import { Construct } from "constructs";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { DataKubernetesServiceV1 } from "@cdktf/provider-kubernetes/lib/data-kubernetes-service-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { Settings } from "../config/settings";
import { KustomizeManifests } from "../constructs/kustomize-manifests";
import { StatsCredentials } from "../constructs/stats-credentials";
import { KubernetesObject, findObject, statsSecretName } from "../kubernetes/kubernetes-object";
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

/** The Kubernetes half: the kustomize overlay applied object by object, and the load balancer's URLs. */
export class WorkloadsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: WorkloadsStackProps) {
    super(scope, id);
    const { settings, cluster, objects } = props;
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

    const haproxy = findObject(objects, "DaemonSet", "haproxy");
    const manifests = new KustomizeManifests(this, "manifests", {
      objects,
      provider: kubectl,
      loadBalancer: { sourceRanges: settings.loadBalancerSourceRanges, tags: settings.tags },
    });
    const stats = new StatsCredentials(this, "stats", {
      secretName: statsSecretName(haproxy),
      namespace: haproxy.metadata.namespace ?? "default",
      provider: kubernetes,
      dependsOn: manifests.namespaces,
    });
    manifests.addWorkloadDependency(stats.secret);
    this.addOutputs(objects, manifests, kubernetes, stats);
  }

  /** The seed's step 5 (`kubectl get services`) as outputs: one URL per port. */
  private addOutputs(objects: readonly KubernetesObject[], manifests: KustomizeManifests, kubernetes: KubernetesProvider, stats: StatsCredentials): void {
    const service = findObject(objects, "Service", "haproxy");
    const live = new DataKubernetesServiceV1(this, "load-balancer", {
      provider: kubernetes,
      metadata: { name: service.metadata.name, namespace: service.metadata.namespace },
      dependsOn: manifests.loadBalancers,
    });
    const hostname = live.status.get(0).loadBalancer.get(0).ingress.get(0).hostname;
    new TerraformOutput(this, "load_balancer_hostname", { value: hostname });
    // Named after the Service's ports (http, metadata, stats), at the ports the overlay gives them.
    for (const { name, port } of service.spec.ports as Array<{ name: string; port: number }>) {
      new TerraformOutput(this, `${name}_url`, { value: `http://${hostname}${port === 80 ? "" : `:${port}`}/` });
    }
    new TerraformOutput(this, "stats_username", { value: stats.username });
    new TerraformOutput(this, "stats_password", { value: stats.password, sensitive: true });
  }
}
