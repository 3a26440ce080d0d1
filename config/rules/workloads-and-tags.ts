import type { Problems, RawSetting, Refusal } from "../problems";

// The rules of the settings of docs/configuration.md's Workloads and tags group: the tags on every AWS resource, and the overlay.

/**
 * Characters AWS accepts in tag keys and values (Elastic Load Balancing's
 * AddTags pattern; EC2 accepts these too): letters, numbers, spaces and _ . : / = + - @.
 */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** The punctuation TAG_CHARACTERS allows besides = (which the load balancer annotation cannot carry), as messages spell it. */
export const TAG_PUNCTUATION = "_ . : / + - @";
/** EC2 and Elastic Load Balancing allow 50 tags on a resource, not counting those whose key starts with aws:. */
export const TAGS_PER_RESOURCE = 50;
/** Characters in a tag key (1 to 128) and a tag value (up to 256), per EC2's and Elastic Load Balancing's tag limits. */
export const TAG_LENGTHS = { key: { min: 1, max: 128 }, value: { max: 256 } } as const;
/**
 * Tags of their own that the resources receiving the user's tags carry beside them:
 * a subnet its Name, role and cluster tags (constructs/vpc-network.ts); the
 * load balancer and its target groups the controller's cluster and service-name
 * tags; a node's instance the launch template's Name and the five tags EKS puts
 * on the node group's Auto Scaling group and propagates to its instances
 * (eks:cluster-name, eks:nodegroup-name, kubernetes.io/cluster/<name>,
 * k8s.io/cluster-autoscaler/enabled and k8s.io/cluster-autoscaler/<name>, as
 * DescribeInstances shows on managed nodes).
 */
export const OWN_TAGS = { subnet: 3, "load balancer": 2, "node instance": 6 };
const [MOST_TAGGED, MOST_OWN_TAGS] = Object.entries(OWN_TAGS).reduce((most, entry) => (entry[1] > most[1] ? entry : most));
/** The most tags a user may set: what the resource with the most tags of its own leaves. */
export const MAX_TAGS = TAGS_PER_RESOURCE - MOST_OWN_TAGS;
/** Keys the Service controller sets itself on the load balancer: a user value would be overwritten. */
const CONTROLLER_KEYS = /^(kubernetes\.io\/cluster\/|kubernetes\.io\/service-name$|KubernetesCluster$)/;

/**
 * The tags go to default_tags, the launch templates, and the load balancer's
 * `aws-load-balancer-additional-resource-tags` annotation, which
 * cloud-provider-aws splits on "," and then on "=" and trims each pair
 * (pkg/providers/v1/aws_loadbalancer.go, getKeyValuePropertiesFromAnnotation):
 * refuse here what AWS or that parser would refuse or change. `total` is the
 * number of tags once merged with another layer's (EKS_POC_TAGS adds to cdktf.json's).
 */
export function validateTags(
  tags: Readonly<Record<string, string>>,
  raw: RawSetting,
  problems: Problems,
  total: number = Object.keys(tags).length,
  below: readonly string[] = [],
): void {
  const entries = Object.entries(tags);
  if (total > MAX_TAGS) {
    const what = total === entries.length ? `has ${total} tags` : `makes ${total} tags with those it adds to`;
    problems.add(
      raw,
      "range",
      `${what}; allowed: at most ${MAX_TAGS} (AWS allows ${TAGS_PER_RESOURCE} on a ${MOST_TAGGED}, which carries ${MOST_OWN_TAGS} of its own)`,
    );
  }
  for (const [key, value] of entries) {
    const found = keyProblem(key) ?? valueProblem(value);
    if (found) problems.add(raw, found[0], `${key}=${value}: ${found[1]}`);
  }
  for (const keys of keysDifferingInCase(Object.keys(tags), below)) {
    problems.add(
      raw,
      "repeated",
      `${keys.join(" and ")} differ only in case, and IAM, which tags the roles, treats tag keys case-insensitively; allowed: one spelling of each key`,
    );
  }
}

/**
 * Groups of keys, each holding one of `own`, that differ only in case (IAM user guide, "Tags for AWS Identity and
 * Access Management resources": IAM refuses two tag keys that differ only in case). `below` are the keys of the layer
 * `own` adds to: the same key there is overridden, not repeated.
 */
function keysDifferingInCase(own: readonly string[], below: readonly string[]): string[][] {
  const byLowerCase = new Map<string, Set<string>>();
  for (const key of [...below, ...own]) byLowerCase.set(key.toLowerCase(), (byLowerCase.get(key.toLowerCase()) ?? new Set()).add(key));
  return [...byLowerCase.values()].map((keys) => [...keys]).filter((keys) => keys.length > 1 && keys.some((key) => own.includes(key)));
}

/** What is wrong with a tag key or value, and why in words. */
type TagProblem = [Refusal, string] | undefined;

function keyProblem(key: string): TagProblem {
  const { min, max } = TAG_LENGTHS.key;
  if (key.length < min || key.length > max) return ["range", `a key must have ${min} to ${max} characters`];
  if (/^aws:/i.test(key)) return ["reserved", "keys starting with aws: are reserved for AWS"];
  if (CONTROLLER_KEYS.test(key)) return ["reserved", "the load balancer controller sets this key itself"];
  return characterProblem(key, "key");
}

function valueProblem(value: string): TagProblem {
  if (value.length > TAG_LENGTHS.value.max) return ["range", `a value must have at most ${TAG_LENGTHS.value.max} characters`];
  return characterProblem(value, "value");
}

function characterProblem(text: string, what: string): TagProblem {
  if (text.includes("=") || text.includes(",")) {
    return ["format", `a ${what} may not contain = or , (the load balancer annotation is key=value,key=value)`];
  }
  if (text.trim() !== text) return ["format", `a ${what} may not start or end with a space`];
  if (!TAG_CHARACTERS.test(text)) return ["format", `allowed in a ${what}: letters, numbers, spaces and ${TAG_PUNCTUATION}`];
  return undefined;
}

/** Overlays live in kustomize/overlays/<name>. */
export const OVERLAY_NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export function checkOverlayName(overlay: string, raw: RawSetting, problems: Problems): void {
  if (!OVERLAY_NAME_PATTERN.test(overlay)) {
    problems.add(raw, "format", "allowed: the name of a folder in kustomize/overlays, such as poc");
  }
}
