import { randomBytes } from "node:crypto";
import { ORDINARY_ACCOUNT } from "./fake-aws-endpoint";
import { clusterVersions as listClusterVersions } from "./eks-cluster-versions.cjs";

/** One answer of the EKS REST-JSON API: the status, the JSON body and, for an error, its type (the X-Amzn-ErrorType header). */
export interface EksAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly errorType?: string;
}

/** The add-on versions the fake offers, newest first as DescribeAddonVersions lists them; the second is each one's default. */
export const ADDON_VERSIONS: Readonly<Record<string, readonly [string, string]>> = {
  "vpc-cni": ["v1.20.4-eksbuild.2", "v1.20.4-eksbuild.1"],
  "kube-proxy": ["v1.35.0-eksbuild.2", "v1.35.0-eksbuild.1"],
  coredns: ["v1.13.1-eksbuild.2", "v1.13.1-eksbuild.1"],
  "eks-pod-identity-agent": ["v1.3.10-eksbuild.2", "v1.3.10-eksbuild.1"],
};

interface Addon {
  addonName: string;
  clusterName: string;
  addonVersion: string;
  addonArn: string;
  status: string;
  health: { issues: unknown[] };
  createdAt: number;
  modifiedAt: number;
  configurationValues?: string;
  serviceAccountRoleArn?: string;
  podIdentityAssociations: string[];
  tags: Record<string, string>;
}

interface AccessEntry {
  clusterName: string;
  principalArn: string;
  accessEntryArn: string;
  kubernetesGroups: string[];
  username: string;
  type: string;
  createdAt: number;
  modifiedAt: number;
  tags: Record<string, string>;
}

interface PodIdentityAssociation {
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  associationArn: string;
  associationId: string;
  ownerArn?: string;
  createdAt: number;
  modifiedAt: number;
  tags: Record<string, string>;
}

const now = (): number => Date.now() / 1000;
const notFound = (message: string): EksAnswer => ({ status: 404, body: { message }, errorType: "ResourceNotFoundException" });
const inUse = (message: string): EksAnswer => ({ status: 409, body: { message }, errorType: "ResourceInUseException" });
/** A call of these APIs the fake does not answer (an update, say): refused by name, so a stack that needs it fails here. */
const unsupported = (method: string, what: string): EksAnswer => ({
  status: 400,
  body: { message: `the EKS fake in front of moto does not answer ${method} on ${what}` },
  errorType: "InvalidRequestException",
});

/**
 * The EKS APIs moto 5.2 does not have, kept in memory: managed add-ons, access
 * entries and their access policies, Pod Identity associations and the add-on
 * version catalog. Answers follow the EKS API reference
 * (docs.aws.amazon.com/eks/latest/APIReference/, one page per action, cited
 * below); `clusterExists` asks the cluster owner (moto, through the front).
 */
export class EksMissingApis {
  private readonly addons = new Map<string, Addon>();
  private readonly entries = new Map<string, AccessEntry>();
  private readonly policies = new Map<
    string,
    Map<string, { policyArn: string; accessScope: unknown; associatedAt: number; modifiedAt: number }>
  >();
  private readonly associations = new Map<string, PodIdentityAssociation>();

  constructor(
    private readonly region: string,
    private readonly account: string,
    private readonly clusterExists: (name: string) => boolean,
  ) {}

  /** The answer to one request, or undefined when the request is not one of these APIs (it goes to moto). */
  handle(method: string, path: string, query: URLSearchParams, body: Record<string, any>): EksAnswer | undefined {
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    if (method === "GET" && parts.join("/") === "addons/supported-versions") return this.describeAddonVersions(query);
    if (method === "GET" && parts.join("/") === "cluster-versions") return this.describeClusterVersions(query);
    if (parts[0] !== "clusters" || parts.length < 3) return undefined;
    const [, cluster, kind, id, sub, subId] = parts;
    if (!["addons", "access-entries", "pod-identity-associations"].includes(kind)) return undefined;
    if (!this.clusterExists(cluster)) return notFound(`No cluster found for name: ${cluster}.`);
    if (kind === "addons") return this.addonRoute(method, cluster, id, sub, body);
    if (kind === "pod-identity-associations") return this.associationRoute(method, cluster, id);
    if (sub === "access-policies") return this.policyRoute(method, cluster, id, subId, body);
    return this.entryRoute(method, cluster, id, body);
  }

  /** What these APIs hold, one line each ("eks addon <cluster>/<name>"), for what a destroy leaves behind. */
  contents(): string[] {
    return [
      ...[...this.addons.values()].map((a) => `eks addon ${a.clusterName}/${a.addonName}`),
      ...[...this.entries.values()].map((e) => `eks access entry ${e.clusterName}/${e.principalArn}`),
      ...[...this.policies].flatMap(([key, policies]) =>
        [...policies.keys()].map((arn) => `eks access policy ${key.replace("\n", "/")} ${arn}`),
      ),
      ...[...this.associations.values()].map((a) => `eks pod identity association ${a.clusterName}/${a.associationId}`),
    ];
  }

  /** What DeleteCluster takes with it: the cluster's add-ons, access entries and associations. */
  forgetCluster(cluster: string): void {
    for (const store of [this.addons, this.entries, this.associations] as Map<string, { clusterName: string }>[]) {
      for (const [key, value] of store) if (value.clusterName === cluster) store.delete(key);
    }
    for (const key of this.policies.keys()) if (key.startsWith(`${cluster}\n`)) this.policies.delete(key);
  }

  // DescribeClusterVersions (API reference: DescribeClusterVersions, ClusterVersionInformation): GET /cluster-versions;
  // the versions EKS offers, as the plan tests' fake endpoint answers them, unsupported ones only with includeAll.
  private describeClusterVersions(query: URLSearchParams): EksAnswer {
    const clusterVersions = listClusterVersions(ORDINARY_ACCOUNT.eksVersions, query.get("includeAll") === "true");
    return { status: 200, body: { clusterVersions } };
  }

  // DescribeAddonVersions (API reference: DescribeAddonVersions): GET /addons/supported-versions; the versions of each
  // add-on compatible with kubernetesVersion, the one EKS installs when none is named marked defaultVersion.
  private describeAddonVersions(query: URLSearchParams): EksAnswer {
    const name = query.get("addonName");
    const kubernetes = query.get("kubernetesVersion") ?? "1.35";
    const addons = Object.entries(ADDON_VERSIONS)
      .filter(([addonName]) => !name || addonName === name)
      .map(([addonName, versions]) => ({
        addonName,
        type: "networking",
        owner: "aws",
        addonVersions: versions.map((addonVersion, index) => ({
          addonVersion,
          architecture: ["amd64", "arm64"],
          computeTypes: ["ec2"],
          compatibilities: [{ clusterVersion: kubernetes, platformVersions: ["*"], defaultVersion: index === 1 }],
          requiresConfiguration: false,
          requiresIamPermissions: addonName === "vpc-cni",
        })),
      }));
    return { status: 200, body: { addons } };
  }

  // CreateAddon (POST /clusters/{name}/addons), DescribeAddon (GET .../addons/{addonName}), DeleteAddon (DELETE, status
  // DELETING; its Pod Identity associations go with it unless `preserve`), ListAddons (GET .../addons).
  private addonRoute(
    method: string,
    cluster: string,
    name: string | undefined,
    sub: string | undefined,
    body: Record<string, any>,
  ): EksAnswer {
    if (name === undefined && method === "GET") {
      return { status: 200, body: { addons: [...this.addons.values()].filter((a) => a.clusterName === cluster).map((a) => a.addonName) } };
    }
    if (name === undefined && method === "POST") return this.createAddon(cluster, body);
    const key = `${cluster}\n${name}`;
    const addon = this.addons.get(key);
    if (sub !== undefined) return unsupported(method, `add-on ${name}/${sub}`);
    if (!addon) return notFound(`No addon: ${name} found in cluster: ${cluster}`);
    if (method === "GET") return { status: 200, body: { addon } };
    if (method !== "DELETE") return unsupported(method, `add-on ${name}`);
    this.addons.delete(key);
    for (const arn of addon.podIdentityAssociations) this.associations.delete(arn.split("/")[2]);
    return { status: 200, body: { addon: { ...addon, status: "DELETING" } } };
  }

  private createAddon(cluster: string, body: Record<string, any>): EksAnswer {
    const name = String(body.addonName);
    const versions = ADDON_VERSIONS[name];
    if (!versions)
      return { status: 400, body: { message: `Addon ${name} specified is not supported` }, errorType: "InvalidParameterException" };
    const key = `${cluster}\n${name}`;
    if (this.addons.has(key)) return inUse(`Addon already exists.`);
    const time = now();
    const addon: Addon = {
      addonName: name,
      clusterName: cluster,
      // "If you don't specify a version, the default version is installed" (CreateAddon, addonVersion).
      addonVersion: String(body.addonVersion ?? versions[1]),
      addonArn: `arn:aws:eks:${this.region}:${this.account}:addon/${cluster}/${name}/${randomBytes(16).toString("hex")}`,
      status: "ACTIVE",
      health: { issues: [] },
      createdAt: time,
      modifiedAt: time,
      configurationValues: body.configurationValues as string | undefined,
      serviceAccountRoleArn: body.serviceAccountRoleArn as string | undefined,
      podIdentityAssociations: ((body.podIdentityAssociations ?? []) as { serviceAccount: string; roleArn: string }[]).map(
        (association) =>
          this.createAssociation(cluster, "kube-system", association.serviceAccount, association.roleArn, key).associationArn,
      ),
      tags: (body.tags ?? {}) as Record<string, string>,
    };
    this.addons.set(key, addon);
    return { status: 200, body: { addon } };
  }

  // DescribePodIdentityAssociation (GET /clusters/{name}/pod-identity-associations/{associationId}) and its delete. The
  // associations CreateAddon makes carry the add-on's ARN as ownerArn.
  private associationRoute(method: string, cluster: string, id: string | undefined): EksAnswer {
    if (id === undefined && method === "GET") {
      const associations = [...this.associations.values()].filter((a) => a.clusterName === cluster);
      return { status: 200, body: { associations } };
    }
    const association = id === undefined ? undefined : this.associations.get(id);
    if (!association || association.clusterName !== cluster) return notFound(`Pod Identity association ${id} not found`);
    if (method === "GET") return { status: 200, body: { association } };
    if (method !== "DELETE") return unsupported(method, `Pod Identity association ${id}`);
    this.associations.delete(association.associationId);
    return { status: 200, body: { association } };
  }

  private createAssociation(
    cluster: string,
    namespace: string,
    serviceAccount: string,
    roleArn: string,
    addonKey: string,
  ): PodIdentityAssociation {
    const associationId = `a-${randomBytes(9).toString("hex").slice(0, 17)}`;
    const time = now();
    const association: PodIdentityAssociation = {
      clusterName: cluster,
      namespace,
      serviceAccount,
      roleArn,
      associationId,
      associationArn: `arn:aws:eks:${this.region}:${this.account}:podidentityassociation/${cluster}/${associationId}`,
      ownerArn: `arn:aws:eks:${this.region}:${this.account}:addon/${addonKey.replace("\n", "/")}`,
      createdAt: time,
      modifiedAt: time,
      tags: {},
    };
    this.associations.set(associationId, association);
    return association;
  }

  // CreateAccessEntry (POST /clusters/{name}/access-entries), DescribeAccessEntry, DeleteAccessEntry (with its access
  // policies), ListAccessEntries. Without a username EKS makes one: the user's ARN, or for a role
  // arn:aws:sts::<account>:assumed-role/<role>/{{SessionName}} (CreateAccessEntry, username).
  private entryRoute(method: string, cluster: string, principal: string | undefined, body: Record<string, any>): EksAnswer {
    if (principal === undefined && method === "GET") {
      return {
        status: 200,
        body: { accessEntries: [...this.entries.values()].filter((e) => e.clusterName === cluster).map((e) => e.principalArn) },
      };
    }
    if (principal === undefined && method === "POST") {
      const arn = String(body.principalArn);
      const key = `${cluster}\n${arn}`;
      if (this.entries.has(key)) return inUse(`The specified access entry resource is already in use on this cluster.`);
      const time = now();
      const [, partition, , , account, resource] = arn.split(":");
      const entry: AccessEntry = {
        clusterName: cluster,
        principalArn: arn,
        accessEntryArn: `arn:aws:eks:${this.region}:${this.account}:access-entry/${cluster}/${resource.split("/")[0]}/${account}/${resource.split("/").pop()}/${randomBytes(16).toString("hex")}`,
        kubernetesGroups: (body.kubernetesGroups ?? []) as string[],
        username: String(
          body.username ??
            (resource.startsWith("role/")
              ? `arn:${partition}:sts::${account}:assumed-role/${resource.split("/").pop()}/{{SessionName}}`
              : arn),
        ),
        type: String(body.type ?? "STANDARD"),
        createdAt: time,
        modifiedAt: time,
        tags: (body.tags ?? {}) as Record<string, string>,
      };
      this.entries.set(key, entry);
      return { status: 200, body: { accessEntry: entry } };
    }
    const key = `${cluster}\n${principal}`;
    const entry = this.entries.get(key);
    if (!entry)
      return notFound(
        `The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.`,
      );
    if (method === "GET") return { status: 200, body: { accessEntry: entry } };
    if (method !== "DELETE") return unsupported(method, `access entry ${principal}`);
    this.entries.delete(key);
    this.policies.delete(key);
    return { status: 200, body: {} };
  }

  // AssociateAccessPolicy (POST .../access-entries/{principalArn}/access-policies), ListAssociatedAccessPolicies (GET),
  // DisassociateAccessPolicy (DELETE .../access-policies/{policyArn}); all need the access entry.
  private policyRoute(
    method: string,
    cluster: string,
    principal: string,
    policyArn: string | undefined,
    body: Record<string, any>,
  ): EksAnswer {
    const key = `${cluster}\n${principal}`;
    if (!this.entries.has(key)) return notFound(`The specified principalArn could not be found.`);
    const associated = this.policies.get(key) ?? new Map();
    this.policies.set(key, associated);
    if (policyArn === undefined && method === "GET") {
      return { status: 200, body: { clusterName: cluster, principalArn: principal, associatedAccessPolicies: [...associated.values()] } };
    }
    if (policyArn === undefined && method === "POST") {
      const time = now();
      const policy = { policyArn: String(body.policyArn), accessScope: body.accessScope, associatedAt: time, modifiedAt: time };
      associated.set(policy.policyArn, policy);
      return { status: 200, body: { clusterName: cluster, principalArn: principal, associatedAccessPolicy: policy } };
    }
    if (policyArn === undefined || method !== "DELETE") return unsupported(method, `access policies of ${principal}`);
    if (!associated.delete(policyArn)) return notFound(`The specified policy is not associated with this access entry.`);
    return { status: 200, body: {} };
  }
}
