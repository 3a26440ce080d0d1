import { typed } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import type { NetworkPolicy, PolicyHost } from "../../harness/network-policy-ruleset";
import { matches, networkPolicyRulesets } from "../../harness/network-policy-ruleset";
import { renderedPoc } from "../helpers/rendered";

function policy(name: string, spec: Record<string, unknown>, namespace = "apps"): NetworkPolicy {
  return typed({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec });
}

const web: PolicyHost = { name: "web", ip: "198.18.0.11", namespace: "apps", labels: { app: "web" } };
const db: PolicyHost = { name: "db", ip: "198.18.0.21", namespace: "apps", labels: { app: "db" } };
const dns: PolicyHost = { name: "dns", ip: "198.18.0.53", namespace: "kube-system", labels: { "k8s-app": "kube-dns" } };
const outside: PolicyHost = { name: "outside", ip: "198.18.0.30" };
const hosts = [web, db, dns, outside];

/** The accept lines of one chain of one host, without the lines every isolated chain starts with. */
function rules(ruleset: string | undefined, direction: "ingress" | "egress"): string[] {
  const chain = ruleset?.match(new RegExp(`chain ${direction} \\{\\n([\\s\\S]*?)\\n\\t\\}`))?.[1];
  if (chain === undefined) return [];
  return chain
    .split("\n")
    .map((line) => line.trim())
    .filter(
      (line) =>
        !line.startsWith("type ") &&
        !line.startsWith("#") &&
        !line.startsWith("ct state") &&
        !line.startsWith('iif "lo"') &&
        !line.startsWith("ip daddr { 127."),
    );
}

describe("networkPolicyRulesets", () => {
  it("isolates every pod a default deny selects, both ways, keeping replies and loopback", () => {
    const rulesets = networkPolicyRulesets([policy("deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] })], { hosts });
    expect([...rulesets.keys()]).toEqual(["web", "db"]);
    const web = rulesets.get("web") ?? "";
    expect(web).toContain("table inet k8s_network_policy {");
    expect(web).toMatch(
      /chain ingress \{\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state established,related accept\n\t\tiif "lo" accept\n/,
    );
    expect(web).toMatch(
      /chain egress \{\n\t\ttype filter hook output priority filter; policy drop;\n\t\tct state established,related accept\n\t\tip daddr \{ 127\.0\.0\.0\/8, 198\.18\.0\.11 \} accept\n/,
    );
    expect(rules(web, "ingress")).toEqual([]);
    expect(rules(web, "egress")).toEqual([]);
  });

  it("leaves pods that no policy selects, and hosts that are no pod, open", () => {
    const rulesets = networkPolicyRulesets([policy("db-only", { podSelector: { matchLabels: { app: "db" } } })], { hosts });
    expect([...rulesets.keys()]).toEqual(["db"]);
    expect(networkPolicyRulesets([], { hosts }).size).toBe(0);
  });

  it("allows a pod peer on its port, by the peers' addresses", () => {
    const rulesets = networkPolicyRulesets(
      [
        policy("db-from-web", {
          podSelector: { matchLabels: { app: "db" } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ protocol: "TCP", port: 5432 }] }],
        }),
      ],
      { hosts },
    );
    expect(rules(rulesets.get("db"), "ingress")).toEqual(["ip saddr { 198.18.0.11 } tcp dport 5432 accept"]);
    expect(rulesets.get("db")).not.toContain("chain egress");
  });

  it("selects peers in other namespaces by namespace labels, kubernetes.io/metadata.name included", () => {
    const egress = [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
          },
        ],
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
    ];
    const rulesets = networkPolicyRulesets([policy("dns", { podSelector: {}, policyTypes: ["Egress"], egress })], { hosts });
    expect(rules(rulesets.get("web"), "egress")).toEqual([
      "ip daddr { 198.18.0.53 } udp dport 53 accept",
      "ip daddr { 198.18.0.53 } tcp dport 53 accept",
    ]);
    // A pod selector alone stays in the policy's namespace.
    const sameNamespace = networkPolicyRulesets(
      [
        policy("dns", {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [{ to: [{ podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }] }],
        }),
      ],
      { hosts },
    );
    expect(rules(sameNamespace.get("web"), "egress")).toEqual([]);
  });

  it("writes an ipBlock with its exceptions, and a port range", () => {
    const rulesets = networkPolicyRulesets(
      [
        policy("out", {
          podSelector: { matchLabels: { app: "web" } },
          policyTypes: ["Egress"],
          egress: [
            { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "169.254.0.0/16"] } }], ports: [{ port: 8000, endPort: 8080 }] },
          ],
        }),
      ],
      { hosts },
    );
    expect(rules(rulesets.get("web"), "egress")).toEqual([
      "ip daddr 0.0.0.0/0 ip daddr != { 10.0.0.0/8, 169.254.0.0/16 } tcp dport 8000-8080 accept",
    ]);
  });

  it("reads a rule without peers or ports as any source or any port", () => {
    const rulesets = networkPolicyRulesets(
      [
        policy("any", {
          podSelector: { matchLabels: { app: "web" } },
          ingress: [{ ports: [{ protocol: "TCP", port: 80 }] }, { from: [{ ipBlock: { cidr: "203.0.113.0/24" } }] }],
        }),
      ],
      { hosts },
    );
    expect(rules(rulesets.get("web"), "ingress")).toEqual(["tcp dport 80 accept", "ip saddr 203.0.113.0/24 accept"]);
  });

  it("writes nothing for a peer that selects no host, rather than allowing everyone", () => {
    const rulesets = networkPolicyRulesets(
      [
        policy("ghost", {
          podSelector: { matchLabels: { app: "web" } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: "ghost" } } }] }],
        }),
      ],
      { hosts },
    );
    expect(rules(rulesets.get("web"), "ingress")).toEqual([]);
  });

  it("always lets the node through", () => {
    const rulesets = networkPolicyRulesets([policy("deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] })], {
      hosts: [web],
      nodeAddresses: ["198.18.0.1"],
    });
    expect(rules(rulesets.get("web"), "ingress")).toEqual(["ip saddr { 198.18.0.1 } accept"]);
    expect(rules(rulesets.get("web"), "egress")).toEqual(["ip daddr { 198.18.0.1 } accept"]);
  });

  it("takes policyTypes from the spec when it is absent: Ingress, plus Egress when egress rules exist", () => {
    const rulesets = networkPolicyRulesets([policy("implicit", { podSelector: {}, egress: [{}] })], { hosts });
    expect(rules(rulesets.get("web"), "ingress")).toEqual([]);
    expect(rules(rulesets.get("web"), "egress")).toEqual(["accept"]);
  });

  it("refuses a named port, which it cannot resolve for every peer", () => {
    expect(() =>
      networkPolicyRulesets([policy("named", { podSelector: {}, ingress: [{ ports: [{ port: "http" }] }] })], { hosts }),
    ).toThrow("NetworkPolicy named: named port http is not supported by the harness; use its number");
  });
});

describe("matches", () => {
  it("evaluates matchLabels and every matchExpressions operator", () => {
    const labels = { app: "web", tier: "front" };
    expect(matches({}, labels)).toBe(true);
    expect(matches({ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["front"] }] }, labels)).toBe(
      true,
    );
    expect(matches({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["front"] }] }, labels)).toBe(false);
    expect(matches({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }, labels)).toBe(true);
    expect(matches({ matchExpressions: [{ key: "app", operator: "Exists" }] }, labels)).toBe(true);
    expect(matches({ matchExpressions: [{ key: "app", operator: "DoesNotExist" }] }, labels)).toBe(false);
    expect(matches({ matchLabels: { app: "db" } }, labels)).toBe(false);
    expect(() => matches({ matchExpressions: [{ key: "app", operator: "Gt" }] }, labels)).toThrow(/operator Gt/);
  });
});

describe("the poc overlay's policies, translated for the harness", () => {
  const overlay = new RenderedOverlay(renderedPoc());
  const { daemonSet, nginx } = overlay;
  const node: PolicyHost = { name: "node1", ip: "198.18.0.11", namespace: "haproxy-poc", labels: daemonSet.spec.template.metadata.labels };
  const backend: PolicyHost = { name: "nginx1", ip: "198.18.0.21", namespace: "haproxy-poc", labels: nginx.spec.template.metadata.labels };
  const rulesets = networkPolicyRulesets(overlay.networkPolicies, { hosts: [node, backend, dns, outside] });

  it("lets clients reach HAProxy's published ports from anywhere, and nothing else in", () => {
    const published = Object.values(overlay.publishedPorts).map((p) => p.containerPort);
    expect(published.sort()).toEqual([5000, 8080, 9000]);
    expect(rules(rulesets.get("node1"), "ingress").sort()).toEqual(
      published.map((port) => `ip saddr 0.0.0.0/0 tcp dport ${port} accept`).sort(),
    );
  });

  it("lets HAProxy reach the cluster DNS, nginx, the external backend's port and instance metadata, and nothing else", () => {
    expect(rules(rulesets.get("node1"), "egress")).toEqual([
      "ip daddr { 198.18.0.53 } udp dport 53 accept",
      "ip daddr { 198.18.0.53 } tcp dport 53 accept",
      `ip daddr { 198.18.0.21 } tcp dport ${overlay.nginxPort} accept`,
      "ip daddr 0.0.0.0/0 ip daddr != { 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16 } tcp dport 80 accept",
      "ip daddr 169.254.169.254/32 tcp dport 80 accept",
    ]);
  });

  it("lets only HAProxy reach nginx, and nginx reach only the cluster DNS", () => {
    expect(rules(rulesets.get("nginx1"), "ingress")).toEqual([`ip saddr { 198.18.0.11 } tcp dport ${overlay.nginxPort} accept`]);
    expect(rules(rulesets.get("nginx1"), "egress")).toEqual([
      "ip daddr { 198.18.0.53 } udp dport 53 accept",
      "ip daddr { 198.18.0.53 } tcp dport 53 accept",
    ]);
  });

  it("leaves the cluster DNS, outside the workloads namespace, to its own policies", () => {
    expect(rulesets.has("dns")).toBe(false);
  });
});
