import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { Typed } from "../kubernetes/kubernetes-object";

/** A rendered NetworkPolicy. */
export type NetworkPolicy = Typed<INetworkPolicy>;

/** A harness host, and the pod it stands for, if any. */
export interface PolicyHost {
  /** Host name in the harness (node1, nginx1, dns, ...). */
  readonly name: string;
  /** Its address. */
  readonly ip: string;
  /** Kubernetes namespace of the pod it stands for. @default not a pod: only ipBlocks match it */
  readonly namespace?: string;
  /** The pod's labels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Where the policies are enforced. */
export interface PolicyContext {
  readonly hosts: readonly PolicyHost[];
  /** Labels of each Kubernetes namespace; `kubernetes.io/metadata.name` is added, as the API server does. @default {} */
  readonly namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Addresses of the pods' node, allowed both ways whatever the policies say,
   * as the VPC CNI's agent allows the node IP (kubelet probes). @default []
   */
  readonly nodeAddresses?: readonly string[];
}

/** The nftables table every ruleset defines, in the pod's own network namespace. */
export const NFT_TABLE = "inet k8s_network_policy";

interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}
interface PolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyPort {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}
interface PolicyRule {
  readonly peers?: PolicyPeer[];
  readonly ports?: PolicyPort[];
}
type Direction = "ingress" | "egress";

/**
 * The nftables ruleset of each host that a NetworkPolicy selects, keyed by
 * host name, with the semantics of networking.k8s.io/v1: a pod that any
 * policy selects for a direction is isolated in it, and then accepts only
 * the union of those policies' rules; replies to allowed connections
 * (conntrack) and the pod's own loopback always pass. Hosts no policy
 * selects are absent: they stay open.
 */
export function networkPolicyRulesets(policies: readonly NetworkPolicy[], context: PolicyContext): Map<string, string> {
  const rulesets = new Map<string, string>();
  for (const host of context.hosts) {
    if (host.namespace === undefined) continue;
    const selecting = policies.filter(
      (p) =>
        p.kind === "NetworkPolicy" &&
        (p.metadata.namespace ?? "default") === host.namespace &&
        matches(p.spec?.podSelector ?? {}, host.labels ?? {}),
    );
    const chains = (["ingress", "egress"] as const)
      .map((direction) =>
        chain(
          direction,
          host,
          selecting.filter((p) => policyTypes(p).includes(direction)),
          context,
        ),
      )
      .filter((text): text is string => text !== undefined);
    if (chains.length > 0) rulesets.set(host.name, `table ${NFT_TABLE} {\n${chains.join("\n")}}\n`);
  }
  return rulesets;
}

function policyTypes(policy: NetworkPolicy): Direction[] {
  const types = policy.spec?.policyTypes;
  if (types) return types.map((t) => (t === "Egress" ? "egress" : "ingress"));
  return policy.spec?.egress ? ["ingress", "egress"] : ["ingress"];
}

function chain(direction: Direction, host: PolicyHost, policies: NetworkPolicy[], context: PolicyContext): string | undefined {
  if (policies.length === 0) return undefined;
  const [hook, addr] = direction === "ingress" ? ["input", "saddr"] : ["output", "daddr"];
  const lines = ["ct state established,related accept"];
  lines.push(direction === "ingress" ? 'iif "lo" accept' : `ip daddr { 127.0.0.0/8, ${host.ip} } accept`);
  if (context.nodeAddresses?.length) lines.push(`ip ${addr} ${set(context.nodeAddresses)} accept`);
  for (const policy of policies) {
    const rules: PolicyRule[] =
      direction === "ingress"
        ? (policy.spec?.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
        : (policy.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
    lines.push(`# ${policy.metadata.name}`);
    for (const rule of rules) lines.push(...ruleLines(rule, addr, policy, context));
  }
  const body = lines.map((line) => `\t\t${line}\n`).join("");
  return `\tchain ${direction} {\n\t\ttype filter hook ${hook} priority filter; policy drop;\n${body}\t}\n`;
}

/** One `accept` line per peer and port; a rule without peers or ports matches any. */
function ruleLines(rule: PolicyRule, addr: string, policy: NetworkPolicy, context: PolicyContext): string[] {
  const peers = rule.peers?.length ? rule.peers.map((peer) => peerMatch(peer, addr, policy, context)) : [""];
  const ports = rule.ports?.length ? rule.ports.map((port) => portMatch(port, policy)) : [""];
  return peers.flatMap((peer) => {
    if (peer === undefined) return ["# a peer that selects no harness host"];
    return ports.map((port) => [peer, port, "accept"].filter((part) => part !== "").join(" "));
  });
}

function peerMatch(peer: PolicyPeer, addr: string, policy: NetworkPolicy, context: PolicyContext): string | undefined {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except?.length ? ` ip ${addr} != ${set(peer.ipBlock.except)}` : "";
    return `ip ${addr} ${peer.ipBlock.cidr}${except}`;
  }
  const namespace = policy.metadata.namespace ?? "default";
  const ips = context.hosts
    .filter(
      (host) =>
        host.namespace !== undefined &&
        (peer.namespaceSelector
          ? matches(peer.namespaceSelector, namespaceLabels(host.namespace, context))
          : host.namespace === namespace) &&
        matches(peer.podSelector ?? {}, host.labels ?? {}),
    )
    .map((host) => host.ip);
  return ips.length > 0 ? `ip ${addr} ${set(ips)}` : undefined;
}

function portMatch(port: PolicyPort, policy: NetworkPolicy): string {
  const protocol = (port.protocol ?? "TCP").toLowerCase();
  if (port.port === undefined) return `meta l4proto ${protocol}`;
  if (typeof port.port !== "number") {
    throw new Error(`NetworkPolicy ${policy.metadata.name}: named port ${port.port} is not supported by the harness; use its number`);
  }
  return `${protocol} dport ${port.endPort ? `${port.port}-${port.endPort}` : port.port}`;
}

function namespaceLabels(namespace: string, context: PolicyContext): Record<string, string> {
  return { ...context.namespaceLabels?.[namespace], "kubernetes.io/metadata.name": namespace };
}

/** A Kubernetes label selector; the empty selector matches everything. */
export function matches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return (
    byLabel &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      switch (operator) {
        case "In":
          return key in labels && values.includes(labels[key]);
        case "NotIn":
          return !(key in labels) || !values.includes(labels[key]);
        case "Exists":
          return key in labels;
        case "DoesNotExist":
          return !(key in labels);
        default:
          throw new Error(`label selector operator ${operator} is not one of In, NotIn, Exists, DoesNotExist`);
      }
    })
  );
}

function set(elements: readonly string[]): string {
  return `{ ${elements.join(", ")} }`;
}
