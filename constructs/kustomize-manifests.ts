import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { dependable } from "cdktf";
import { stringify } from "yaml";
import type { KubernetesObject } from "../kubernetes/kubernetes-object";
import { objectId } from "../kubernetes/kubernetes-object";
import type { LoadBalancerServiceOptions } from "../kubernetes/load-balancer-service";
import { configureLoadBalancerService } from "../kubernetes/load-balancer-service";
import type { KubectlManifestConfig, KubectlProvider } from "../providers/kubectl";
import { KubectlManifest } from "../providers/kubectl";

export interface KustomizeManifestsProps {
  /** The rendered overlay, one object per document. */
  readonly objects: readonly KubernetesObject[];
  /** The kubectl provider to apply with. */
  readonly provider: KubectlProvider;
  /** Source ranges and tags set on every LoadBalancer Service. @default the overlay's Services unchanged */
  readonly loadBalancer?: LoadBalancerServiceOptions;
}

/** Apply order; destroy runs in reverse. */
type Stage = "namespace" | "config" | "workload" | "loadBalancer" | "other";

function stageOf(object: KubernetesObject): Stage {
  if (object.kind === "Namespace") return "namespace";
  // Pods start under their network policies, and the PriorityClass exists before the pods that name it.
  if (["ConfigMap", "Secret", "ServiceAccount", "NetworkPolicy", "PriorityClass"].includes(object.kind)) return "config";
  if (["DaemonSet", "Deployment", "StatefulSet"].includes(object.kind)) return "workload";
  if (object.kind === "Service" && (object.spec as { type?: string } | undefined)?.type === "LoadBalancer") return "loadBalancer";
  return "other";
}

/**
 * One kubectl_manifest per rendered object, ordered so that Terraform applies
 * namespaces, then configuration, network policies and priority classes, then
 * workloads (waiting for their rollout). The load balancer Services need only
 * their namespace: applied beside the workloads (waiting for the host name,
 * which AWS gives at CreateLoadBalancer), the NLB's provisioning and target
 * registration, which take minutes, run while the pods roll out instead of
 * after them; its health checks let traffic in once HAProxy is ready. Destroy
 * runs in reverse: a load balancer Service goes beside the workloads, before
 * its namespace, and `wait` holds until its finalizer, the cloud load
 * balancer's deletion, is done, so the VPC is not left with the load
 * balancer's network interfaces. LoadBalancer Services get the settings'
 * source ranges and tags, which the overlay cannot know.
 */
export class KustomizeManifests extends Construct {
  readonly namespaces: KubectlManifest[];
  readonly workloads: KubectlManifest[];
  readonly loadBalancers: KubectlManifest[];

  constructor(scope: Construct, id: string, props: KustomizeManifestsProps) {
    super(scope, id);
    const ids = props.objects.map(objectId);
    const duplicate = ids.find((name, i) => ids.indexOf(name) !== i);
    if (duplicate) throw new Error(`the overlay renders two objects with the id ${duplicate}`);

    const at = (stage: Stage) => props.objects.filter((o) => stageOf(o) === stage);
    this.namespaces = at("namespace").map((o) => this.apply(o, props, []));
    const config = at("config").map((o) => this.apply(o, props, this.namespaces));
    this.workloads = at("workload").map((o) => this.apply(o, props, [...this.namespaces, ...config], { waitForRollout: true }));
    const loadBalancers = at("loadBalancer").map((o) => (props.loadBalancer ? configureLoadBalancerService(o, props.loadBalancer) : o));
    this.loadBalancers = loadBalancers.map((o) =>
      this.apply(o, props, this.namespaces, {
        wait: true,
        waitFor: { field: [{ key: "status.loadBalancer.ingress.[0].hostname", value: "^.+$", valueType: "regex" }] },
      }),
    );
    at("other").forEach((o) => this.apply(o, props, this.namespaces));
  }

  /** Makes every workload wait for `dependency`, such as a Secret created outside the overlay. */
  addWorkloadDependency(dependency: ITerraformDependable): void {
    for (const workload of this.workloads) {
      workload.dependsOn = [...(workload.dependsOn ?? []), dependable(dependency)];
    }
  }

  private apply(
    object: KubernetesObject,
    props: KustomizeManifestsProps,
    dependsOn: ITerraformDependable[],
    options: Pick<KubectlManifestConfig, "waitForRollout" | "wait" | "waitFor"> = {},
  ): KubectlManifest {
    const manifest = new KubectlManifest(this, objectId(object), {
      yamlBody: stringify(object),
      provider: props.provider,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
      ...options,
    });
    // Addresses such as kubectl_manifest.daemonset-prd-haproxy, readable in plans.
    manifest.overrideLogicalId(objectId(object));
    return manifest;
  }
}
