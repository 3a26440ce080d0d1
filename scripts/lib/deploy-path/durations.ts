/**
 * How long each step of a deploy or destroy takes, in seconds: low, typical,
 * high. Nothing here was timed against AWS by this project; each figure names
 * its public source, and "estimate" marks a figure no source states, chosen
 * between the ones that do (or, for API calls, from Terraform's own logs).
 * A figure is the same before and after a change to the stacks: only the
 * graph the stacks make decides which figures add up.
 */
export interface Range {
  readonly low: number;
  readonly typical: number;
  readonly high: number;
}

/** Create and destroy durations of one kind of block. */
export interface Timing {
  readonly create: Range;
  readonly destroy: Range;
}

const range = (low: number, typical: number, high: number): Range => ({ low, typical, high });

/**
 * A call that returns once AWS or the API server accepted it (IAM, route
 * tables, launch templates, access entries, ConfigMaps...): Terraform logs of
 * such blocks read "Creation complete after 0s" to "3s"
 * (terraform-aws-modules/terraform-aws-eks#2203, hashicorp-education/learn-terraform-variables#6;
 * destroys "after 0s" to "4s", agones-dev/agones#1790).
 */
export const API_CALL: Timing = { create: range(1, 2, 10), destroy: range(1, 2, 10) };

/** Block kinds that take longer than an API call, keyed as `timingKey` names them. */
export const TIMINGS: Readonly<Record<string, Timing>> = {
  // Subnets: "Creation complete after 10s" (terraform-aws-eks#2203); "Destruction complete after 2s" (agones#1790).
  aws_subnet: { create: range(1, 10, 15), destroy: range(1, 2, 30) },
  // NAT gateways: still creating after 1m0s in terraform-aws-vpc#999 and past 3m in hashicorp/terraform#8687;
  // deletion "takes a little while" (aws/aws-sdk#61). Typical figures: estimate.
  aws_nat_gateway: { create: range(60, 100, 200), destroy: range(30, 60, 120) },
  // The provider waits for a new key and its policy to propagate; no public timing: estimate. Destroy only schedules deletion.
  aws_kms_key: { create: range(2, 10, 60), destroy: API_CALL.destroy },
  // Cluster: "Creation complete after 8m33s" (DevopsArtFactory/terraform-provisioning#46, 2024), 748 s for
  // pulumi-eks's cluster component (pulumi/pulumi-eks#1819), 13-16 min per region in an unofficial survey
  // (easontechtalk.com, "Unofficial EKS Cluster Creation Performance"); typical: estimate between them.
  // Deletion: "about 10 minutes" (rancher/rancher#26101, 2020), "like 15" (eksctl-io/eksctl#1651, 2019);
  // no recent log found, typical: estimate.
  aws_eks_cluster: { create: range(480, 540, 900), destroy: range(120, 240, 900) },
  // Add-ons created before any node: vpc-cni completes without a node group (terraform-aws-eks#2820), kube-proxy
  // and vpc-cni return "as soon as the pods passed readiness" (aws-ia/terraform-aws-eks-blueprints#642). Estimate.
  aws_eks_addon: { create: range(10, 40, 120), destroy: range(5, 30, 120) },
  // coredns waits for its Deployment's pods on the nodes; 15 min seen in 2022 (terraform-aws-eks-blueprints#642,
  // maintainer: "the nature of what is typically experienced"). Typical: estimate.
  "aws_eks_addon:coredns": { create: range(30, 60, 900), destroy: range(5, 30, 120) },
  // Managed node groups: "Creation complete after 1m48s" and "1m59s" (DevopsArtFactory/terraform-provisioning#46),
  // an eksctl node group stack "done after 3m36s" (eksctl-io/eksctl#482). Deletion drains and terminates: still
  // destroying at 2m20s (hashicorp/terraform-provider-aws#20405), "upwards of 10 minutes" (gruntwork-io/cloud-nuke#339);
  // typical: estimate.
  aws_eks_node_group: { create: range(100, 120, 240), destroy: range(140, 240, 600) },
  // Workload manifests wait for their rollout (image pulls of haproxy:3.2-alpine and node:24-alpine, then the
  // readiness probes); no public timing: estimate. Their delete does not wait.
  "kubectl_manifest:DaemonSet": { create: range(15, 40, 120), destroy: API_CALL.destroy },
  "kubectl_manifest:Deployment": { create: range(10, 30, 90), destroy: API_CALL.destroy },
  // The Service waits for its host name, which cloud-provider-aws sets from CreateLoadBalancer's answer; on destroy it
  // waits for its finalizer, the load balancer's deletion. Estimate.
  "kubectl_manifest:Service:LoadBalancer": { create: range(2, 5, 30), destroy: range(10, 30, 120) },
  // A namespace's deletion, when Terraform waits for it (`wait`), lasts until its pods have stopped (30 s grace period
  // by default). Estimate. Without `wait` the delete is an API call (deploy-model.ts).
  "kubectl_manifest:Namespace": { create: API_CALL.create, destroy: range(5, 15, 60) },
};

/** Steps that are not blocks of the stacks. */
export const STEPS = {
  // `terraform init` (providers from the local cache) and a refresh and plan of one stack; cdktf runs them before each
  // stack's apply or destroy. Estimate.
  plan: range(15, 40, 120),
  // From the Service's creation, or the nodes' if they come later, until the NLB is active and its first targets are
  // registered: AWS support quoted 180-300 s for an NLB target's registration (kubernetes-sigs/aws-load-balancer-controller#1834),
  // 4-5 min from a Service to a reachable endpoint (#1786), 70-120 s in "initial" before the first health check
  // (aws/containers-roadmap#469). Typical: the low end of AWS support's figure. The wait is each target's: "new
  // targets will take 4~5mins to be ready when registered into a NLB's targetGroup" (maintainer, #1786), 90 to 180 s
  // (maintainer, #1834), about 120 s before health checks start (awsdocs/elb-network-load-balancers-user-guide#11).
  // A target is an instance: cloud-provider-aws registers the nodes the service controller hands it (EnsureLoadBalancer
  // in pkg/providers/v1/aws.go, instance IDs from the nodes), so the clock starts once the nodes have joined, however
  // early the Service is created.
  loadBalancerRegistration: range(120, 180, 300),
  // Healthy after 2 checks 10 s apart, cloud-provider-aws's check of kube-proxy's health check node port for
  // externalTrafficPolicy: Local (harness/nlb/nlb-health-check.ts, from pkg/providers/v1/aws_loadbalancer.go).
  healthChecks: range(20, 20, 60),
};
