import { contains, parseIpv4Cidr } from "../config/cidr";
import type { Ipv4Network } from "../config/cidr";
import type { KubernetesObject } from "./kubernetes-object";

/**
 * The ranges EKS takes the cluster's Service addresses from when the cluster names none, as this one does not (EKS
 * API reference, KubernetesNetworkConfigRequest, serviceIpv4Cidr: "either the 10.100.0.0/16 or 172.20.0.0/16"):
 * which one EKS picks is not known at synth, so both are excepted.
 */
export const EKS_SERVICE_RANGES = ["10.100.0.0/16", "172.20.0.0/16"] as const;

/** An ipBlock's CIDR for every address. */
const ANY = "0.0.0.0/0";

/**
 * The NetworkPolicies with every egress block to any address (`0.0.0.0/0`, HAProxy's rule for the external backend
 * on port 80, manifests/network-policy-allow-haproxy.yaml) excepting the cluster's own ranges, from the settings: the
 * VPC, which holds every node and pod address the VPC CNI gives, and the Service ranges. The manifest's own list (the
 * private and link-local ranges, where no public backend is) is kept; a range inside another one listed is left out.
 * Without this, a VPC outside RFC 1918 (100.64.0.0/10 and public blocks are allowed) would let HAProxy reach every
 * pod and node on that port.
 */
export function exceptClusterRanges(objects: readonly KubernetesObject[], vpcCidr: string): KubernetesObject[] {
  const own = [vpcCidr, ...EKS_SERVICE_RANGES];
  return objects.map((object) => {
    const spec = object.spec as Record<string, unknown> | undefined;
    const rules = object.kind === "NetworkPolicy" && Array.isArray(spec?.egress) ? (spec.egress as EgressRule[]) : [];
    if (!rules.some((rule) => rule.to?.some((peer) => peer.ipBlock?.cidr === ANY))) return object;
    const egress = rules.map((rule) => ({
      ...rule,
      to: rule.to?.map((peer) =>
        peer.ipBlock?.cidr === ANY
          ? { ...peer, ipBlock: { ...peer.ipBlock, except: outermost([...(peer.ipBlock.except ?? []), ...own]) } }
          : peer,
      ),
    }));
    return { ...object, spec: { ...spec, egress } };
  });
}

interface EgressRule {
  readonly to?: ReadonlyArray<{ readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] } }>;
}

/** The blocks, once each, without those another one holds, in their first order. */
function outermost(cidrs: readonly string[]): string[] {
  const networks = [...new Set(cidrs)].map((cidr) => {
    const network = parseIpv4Cidr(cidr);
    if (typeof network === "string") throw new Error(`NetworkPolicy except entry ${cidr} ${network}`);
    return network;
  });
  const inAnother = (n: Ipv4Network): boolean => networks.some((other) => other !== n && contains(other, n));
  return networks.filter((n) => !inAnother(n)).map((n) => n.text);
}
