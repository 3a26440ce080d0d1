import { request } from "node:http";

/** moto builds a service's backend on its first call (EC2's holds every AMI and instance type): slow on a loaded machine. */
const CALL_TIMEOUT_MS = 180_000;

/** Calls one AWS API on moto, signed with a credential scope only (moto checks no signatures); resolves to the body. */
function call(
  url: string,
  service: string,
  body: string,
  headers: Record<string, string> = {},
  method = "POST",
  path = "/",
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method,
        timeout: CALL_TIMEOUT_MS,
        // A socket of its own per call: a kept-alive one would hold the test's process open after moto stops.
        agent: false,
        headers: {
          Authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`${service} ${body || path}: ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(text);
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${service}: no answer within ${CALL_TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

const matches = (text: string, pattern: RegExp): string[] => [...text.matchAll(pattern)].map((match) => match[1]);

/**
 * The EC2 resources the cluster stack creates, by Describe action and the XML element naming each one. Not network
 * ACLs: the stack makes none, and moto keeps a VPC's default ACL after DeleteVpc (AWS deletes it with the VPC).
 */
const EC2_KINDS: ReadonlyArray<readonly [string, string]> = [
  ["DescribeVpcs", "vpcId"],
  ["DescribeSubnets", "subnetId"],
  ["DescribeInternetGateways", "internetGatewayId"],
  ["DescribeRouteTables", "routeTableId"],
  ["DescribeSecurityGroups", "groupId"],
  ["DescribeAddresses", "allocationId"],
  ["DescribeLaunchTemplates", "launchTemplateId"],
  ["DescribeFlowLogs", "flowLogId"],
];

/**
 * Everything the account holds of the kinds the cluster stack creates, one
 * line each ("ec2 vpc-...", "kms <key> PendingDeletion"), read from moto
 * itself; a NAT gateway in state deleted is left out, as AWS lists those for
 * a while after deletion.
 */
export async function accountContents(motoUrl: string): Promise<Set<string>> {
  const lines: string[] = [];
  const query = { "Content-Type": "application/x-www-form-urlencoded" };
  for (const [action, element] of EC2_KINDS) {
    const xml = await call(motoUrl, "ec2", `Action=${action}&Version=2016-11-15`, query);
    lines.push(...matches(xml, new RegExp(`<${element}>([^<]+)</${element}>`, "g")).map((id) => `ec2 ${id}`));
  }
  const nats = await call(motoUrl, "ec2", "Action=DescribeNatGateways&Version=2016-11-15", query);
  for (const item of nats.split("<natGatewayId>").slice(1)) {
    if (!/<state>deleted<\/state>/.test(item)) lines.push(`ec2 ${item.split("<")[0]}`);
  }
  const iam = (action: string) => call(motoUrl, "iam", `Action=${action}&Version=2010-05-08`, query);
  lines.push(...matches(await iam("ListRoles"), /<RoleName>([^<]+)<\/RoleName>/g).map((name) => `iam role ${name}`));
  lines.push(...matches(await iam("ListPolicies&Scope=Local"), /<Arn>([^<]+)<\/Arn>/g).map((arn) => `iam policy ${arn}`));
  const json = (service: string, target: string, body: object = {}) =>
    call(motoUrl, service, JSON.stringify(body), { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target }).then(
      (text) => JSON.parse(text) as Record<string, any>,
    );
  for (const key of (await json("kms", "TrentService.ListKeys")).Keys as { KeyId: string }[]) {
    const { KeyMetadata } = await json("kms", "TrentService.DescribeKey", { KeyId: key.KeyId });
    lines.push(`kms ${key.KeyId} ${KeyMetadata.KeyState}`);
  }
  const groups = (await json("logs", "Logs_20140328.DescribeLogGroups")).logGroups as { logGroupName: string }[];
  lines.push(...groups.map((group) => `logs ${group.logGroupName}`));
  const clusters = JSON.parse(await call(motoUrl, "eks", "", {}, "GET", "/clusters")) as { clusters: string[] };
  lines.push(...clusters.clusters.map((name) => `eks cluster ${name}`));
  return new Set(lines);
}

/** What `after` holds that `before` did not, but KMS keys pending deletion (the least AWS lets a destroy leave). */
export function leftovers(before: ReadonlySet<string>, after: ReadonlySet<string>): string[] {
  return [...after].filter((line) => !before.has(line) && !/^kms \S+ PendingDeletion$/.test(line)).sort();
}
