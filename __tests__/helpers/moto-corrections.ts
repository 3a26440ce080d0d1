/** A request on its way to moto: the AWS service its signature names, the method, the path with its query, the body. */
export interface MotoRequest {
  readonly service: string;
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** The form parameters of an EC2 query request. */
const form = (body: string): URLSearchParams => new URLSearchParams(body);

/** What EKS stores of CreateCluster that moto 5.2 drops. */
interface ClusterExtras {
  readonly accessConfig: { authenticationMode: string };
  readonly upgradePolicy: { supportType: string };
}

/** What EKS stores of CreateNodegroup that moto 5.2 gets wrong. */
interface NodegroupExtras {
  readonly updateConfig: Record<string, number>;
  readonly remoteAccess: boolean;
}

/**
 * Where moto 5.2 answers differently from AWS for calls the cluster stack
 * makes, each put right by rewriting the request on its way in or the answer
 * on its way out, the way the AWS API reference describes the call. Which
 * clusters exist is kept here too, for the EKS APIs moto lacks.
 */
export class MotoCorrections {
  readonly clusters = new Map<string, ClusterExtras>();
  private readonly nodegroups = new Map<string, NodegroupExtras>();
  /** Flow logs whose S3 destination had a folder, by flow log ID: the ARN as given. */
  private readonly flowLogDestinations = new Map<string, string>();
  /** The S3 destination of the CreateFlowLogs call in flight, until its answer names the flow log. */
  private pendingDestination?: string;

  /** The request as moto should get it. */
  request(request: MotoRequest): string {
    if (request.service !== "ec2") return request.body;
    const params = form(request.body);
    // CreateFlowLogs (EC2 API reference): LogDestination is a bucket ARN, optionally with a subfolder
    // (arn:aws:s3:::bucket/folder). moto looks the whole rest of the ARN up as a bucket name, so it gets the bucket
    // alone here and the folder is put back in the answers.
    const destination = params.get("LogDestination");
    if (params.get("Action") === "CreateFlowLogs" && params.get("LogDestinationType") === "s3" && destination?.includes("/")) {
      this.pendingDestination = destination;
      params.set("LogDestination", destination.split("/")[0]);
      return params.toString();
    }
    return request.body;
  }

  /** The answer as AWS would give it. */
  response(request: MotoRequest, status: number, body: string): string {
    if (status >= 300) return body;
    if (request.service === "eks") return JSON.stringify(this.eksResponse(request, JSON.parse(body) as Record<string, any>));
    if (request.service !== "ec2") return body;
    const action = form(request.body).get("Action");
    if (action === "CreateFlowLogs" && this.pendingDestination) {
      for (const id of body.match(/fl-[0-9a-f]+/g) ?? []) this.flowLogDestinations.set(id, this.pendingDestination);
      this.pendingDestination = undefined;
    }
    if (action === "DescribeFlowLogs") {
      return body.replace(
        /<item>(?:(?!<\/flowLogId>)[\s\S])*?<flowLogId>(fl-[0-9a-f]+)<\/flowLogId>[\s\S]*?<\/item>(?=<item>|<\/flowLogSet>)/g,
        (item, id: string) => {
          const arn = this.flowLogDestinations.get(id);
          return arn ? item.replace(/<logDestination>[^<]*<\/logDestination>/, `<logDestination>${arn}</logDestination>`) : item;
        },
      );
    }
    // LaunchTemplateTagSpecificationRequest (EC2 API reference): the tags a template applies on launch are for
    // instances, volumes, network interfaces and spot requests; the template's own tags (CreateLaunchTemplate's
    // TagSpecification of type launch-template) are not copied into its data, as moto does.
    if (action === "DescribeLaunchTemplateVersions") {
      return body.replace(
        /<item><resourceType>launch-template<\/resourceType><tagSet>(?:<item>(?:(?!<\/item>)[\s\S])*<\/item>)*<\/tagSet><\/item>/g,
        "",
      );
    }
    return body;
  }

  private eksResponse(request: MotoRequest, body: Record<string, any>): Record<string, any> {
    const path = request.path.split("?")[0].split("/").filter(Boolean).map(decodeURIComponent);
    if (path[0] !== "clusters") return body;
    if (path.length === 1 && request.method === "POST") {
      // CreateCluster (EKS API reference): accessConfig.authenticationMode defaults to CONFIG_MAP and
      // upgradePolicy.supportType to EXTENDED; DescribeCluster returns both. moto ignores the two.
      const sent = JSON.parse(request.body) as Record<string, any>;
      this.clusters.set(String(sent.name), {
        accessConfig: { authenticationMode: String(sent.accessConfig?.authenticationMode ?? "CONFIG_MAP") },
        upgradePolicy: { supportType: String(sent.upgradePolicy?.supportType ?? "EXTENDED") },
      });
    }
    if (path.length <= 2 && body.cluster) {
      if (request.method === "DELETE") this.clusters.delete(path[1]);
      return { ...body, cluster: { ...body.cluster, ...this.clusters.get(String(body.cluster.name)) } };
    }
    if (path[2] !== "node-groups" || !body.nodegroup) return body;
    const key = `${path[1]}/${String(body.nodegroup.nodegroupName)}`;
    if (path.length === 3 && request.method === "POST") {
      // CreateNodegroup (EKS API reference): remoteAccess only when asked for, and not with a launch template;
      // updateConfig as sent, else maxUnavailable 1. moto sets a default SSH key and drops updateConfig.
      const sent = JSON.parse(request.body) as Record<string, any>;
      this.nodegroups.set(key, {
        updateConfig: (sent.updateConfig as Record<string, number>) ?? { maxUnavailable: 1 },
        remoteAccess: Boolean(sent.remoteAccess),
      });
    }
    const extras = this.nodegroups.get(key);
    if (!extras) return body;
    if (request.method === "DELETE") this.nodegroups.delete(key);
    const nodegroup = { ...body.nodegroup, updateConfig: extras.updateConfig };
    if (!extras.remoteAccess) {
      delete nodegroup.remoteAccess;
      nodegroup.resources = { ...nodegroup.resources, remoteAccessSecurityGroup: undefined };
    }
    return { ...body, nodegroup };
  }
}
