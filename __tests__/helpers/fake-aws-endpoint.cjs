// A loopback stand-in for the AWS APIs the cluster stack's data sources call at
// plan: EC2 DescribeAvailabilityZones, DescribeInstanceTypeOfferings and
// DescribeInstanceTypes, EKS DescribeClusterVersions and DescribeAddonVersions
// (aws_eks_addon_version; REST-JSON, GET /cluster-versions and
// GET /addons/supported-versions in the EKS API reference), STS GetCallerIdentity and, for a
// caller that is an assumed role's session, IAM GetRole (aws_iam_session_context
// asks for the role's ARN: internal/service/iam/session_context_data_source.go). It runs
// in its own process because the tests run Terraform synchronously. It prints its
// port, answers until its parent closes stdin (which its parent's death does too), and
// exits after 30 minutes without a request: a suite of plans on a busy machine can leave
// one account's fake unasked for longer than 5 minutes, and outlasts any fixed lifetime.
//   FAKE_AWS_REGION  region of the zones
//   FAKE_AWS_ZONES   JSON {"us-east-1a": "use1-az1", ...}: this "account"'s name -> zone ID map
//   FAKE_AWS_CALLER  the ARN GetCallerIdentity returns (arn:aws:sts::<account>:assumed-role/<role>/<session> for a role)
//   FAKE_AWS_EKS_VERSIONS  JSON [{version, status, released, endOfStandardSupport, endOfExtendedSupport}]: what
//                    EKS DescribeClusterVersions answers (status: STANDARD_SUPPORT, EXTENDED_SUPPORT or UNSUPPORTED)
//   FAKE_AWS_INSTANCE_TYPES  JSON {"t3.large": {architectures: ["x86_64"], enis: 3, ipv4PerEni: 12}, ...}: the types
//                    this region offers (EC2 DescribeInstanceTypeOfferings, DescribeInstanceTypes)
const http = require("node:http");
const { clusterVersions } = require("./eks-cluster-versions.cjs");

const region = process.env.FAKE_AWS_REGION;
const zones = JSON.parse(process.env.FAKE_AWS_ZONES);
const caller = process.env.FAKE_AWS_CALLER;
const eksVersions = JSON.parse(process.env.FAKE_AWS_EKS_VERSIONS ?? "[]");
const instanceTypes = JSON.parse(process.env.FAKE_AWS_INSTANCE_TYPES ?? "{}");

/** Values of a query list parameter: ZoneName.1, ZoneName.2, ... */
function listParam(params, prefix) {
  return [...params.keys()].filter((key) => new RegExp(`^${prefix}\\.\\d+$`).test(key)).map((key) => params.get(key));
}

/** Filter.N.Name / Filter.N.Value.M pairs, for the two filters the data sources send. */
function filters(params) {
  const result = {};
  for (const key of params.keys()) {
    const match = /^Filter\.(\d+)\.Name$/.exec(key);
    if (match) result[params.get(key)] = listParam(params, `Filter\\.${match[1]}\\.Value`);
  }
  return result;
}

function describeAvailabilityZones(params) {
  const names = listParam(params, "ZoneName");
  const ids = listParam(params, "ZoneId");
  const filter = filters(params);
  const items = Object.entries(zones)
    .filter(([name, id]) => (names.length === 0 || names.includes(name)) && (ids.length === 0 || ids.includes(id)))
    .filter(() => !filter.state || filter.state.includes("available"))
    .filter(() => !filter["opt-in-status"] || filter["opt-in-status"].includes("opt-in-not-required"))
    .map(
      ([name, id]) =>
        `<item><zoneName>${name}</zoneName><zoneId>${id}</zoneId><zoneState>available</zoneState>` +
        `<optInStatus>opt-in-not-required</optInStatus><regionName>${region}</regionName><groupName>${region}</groupName>` +
        `<networkBorderGroup>${region}</networkBorderGroup><zoneType>availability-zone</zoneType><messageSet/></item>`,
    );
  return (
    `<DescribeAvailabilityZonesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId>` +
    `<availabilityZoneInfo>${items.join("")}</availabilityZoneInfo></DescribeAvailabilityZonesResponse>`
  );
}

/**
 * EC2 DescribeInstanceTypeOfferings in this region, filtered by instance-type as the provider's
 * aws_ec2_instance_type_offerings sends it (EC2 API reference: DescribeInstanceTypeOfferings).
 */
function describeInstanceTypeOfferings(params) {
  const wanted = filters(params)["instance-type"];
  const items = Object.keys(instanceTypes)
    .filter((type) => !wanted || wanted.includes(type))
    .map((type) => `<item><instanceType>${type}</instanceType><locationType>region</locationType><location>${region}</location></item>`);
  return (
    `<DescribeInstanceTypeOfferingsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId>` +
    `<instanceTypeOfferingSet>${items.join("")}</instanceTypeOfferingSet></DescribeInstanceTypeOfferingsResponse>`
  );
}

/** EC2 DescribeInstanceTypes for InstanceType.N: the processor and network facts (EC2 API reference: InstanceTypeInfo). */
function describeInstanceTypes(params) {
  const items = listParam(params, "InstanceType").map((type) => {
    const facts = instanceTypes[type];
    if (!facts) return undefined;
    return (
      `<item><instanceType>${type}</instanceType><currentGeneration>true</currentGeneration>` +
      `<processorInfo><supportedArchitectures>${facts.architectures.map((arch) => `<item>${arch}</item>`).join("")}</supportedArchitectures></processorInfo>` +
      // The provider reads these five blocks unconditionally and takes a type without one as not found (ec2_instance_type_data_source.go).
      `<vCpuInfo><defaultVCpus>2</defaultVCpus></vCpuInfo><memoryInfo><sizeInMiB>8192</sizeInMiB></memoryInfo>` +
      `<ebsInfo><ebsOptimizedSupport>default</ebsOptimizedSupport><encryptionSupport>supported</encryptionSupport></ebsInfo>` +
      `<placementGroupInfo><supportedStrategies><item>partition</item></supportedStrategies></placementGroupInfo>` +
      `<networkInfo><maximumNetworkInterfaces>${facts.enis}</maximumNetworkInterfaces><ipv4AddressesPerInterface>${facts.ipv4PerEni}</ipv4AddressesPerInterface>` +
      `<maximumNetworkCards>1</maximumNetworkCards><defaultNetworkCardIndex>0</defaultNetworkCardIndex></networkInfo></item>`
    );
  });
  if (items.includes(undefined)) return undefined;
  return (
    `<DescribeInstanceTypesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId>` +
    `<instanceTypeSet>${items.join("")}</instanceTypeSet></DescribeInstanceTypesResponse>`
  );
}

/** EKS DescribeClusterVersions (GET /cluster-versions, REST-JSON; see eks-cluster-versions.cjs). */
function describeClusterVersions(query) {
  return JSON.stringify({ clusterVersions: clusterVersions(eksVersions, query.get("includeAll") === "true") });
}

function getCallerIdentity() {
  const account = caller.split(":")[4];
  return (
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
    `<Arn>${caller}</Arn><UserId>AIDAFAKEFAKEFAKEFAKE</UserId><Account>${account}</Account></GetCallerIdentityResult>` +
    `<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetCallerIdentityResponse>`
  );
}

/** The role of an assumed-role caller, as IAM names it; other roles do not exist in this account. */
function getRole(params) {
  const [, partition, , , account, resource] = caller.split(":");
  const [kind, roleName] = resource.split("/");
  if (kind !== "assumed-role" || params.get("RoleName") !== roleName) return undefined;
  return (
    `<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>/</Path>` +
    `<RoleName>${roleName}</RoleName><RoleId>AROAFAKEFAKEFAKEFAKE</RoleId><Arn>arn:${partition}:iam::${account}:role/${roleName}</Arn>` +
    `<CreateDate>2026-01-01T00:00:00Z</CreateDate></Role></GetRoleResult>` +
    `<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetRoleResponse>`
  );
}

/**
 * Each add-on's versions, newest first as DescribeAddonVersions lists them, with the Kubernetes minor versions each
 * is compatible with. Made-up build numbers in EKS's naming; what matters is the shape: kube-proxy has a version per
 * Kubernetes minor, coredns one per range, vpc-cni and the Pod Identity agent span every version the calendar has, and 1.37, which EKS offers here
 * beyond the calendar.
 */
const minors = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => `1.${from + i}`);
const ADDON_VERSIONS = {
  "vpc-cni": [
    { addonVersion: "v1.21.1-eksbuild.1", clusterVersions: minors(30, 37) },
    { addonVersion: "v1.20.4-eksbuild.2", clusterVersions: minors(29, 35) },
  ],
  "eks-pod-identity-agent": [{ addonVersion: "v1.3.10-eksbuild.1", clusterVersions: minors(29, 37) }],
  "kube-proxy": minors(29, 37)
    .reverse()
    .map((minor) => ({ addonVersion: `v${minor}.2-eksbuild.1`, clusterVersions: [minor] })),
  coredns: [
    { addonVersion: "v1.13.1-eksbuild.1", clusterVersions: minors(36, 37) },
    { addonVersion: "v1.12.4-eksbuild.1", clusterVersions: minors(33, 35) },
    { addonVersion: "v1.11.4-eksbuild.2", clusterVersions: minors(29, 32) },
  ],
};

/** DescribeAddonVersions for one add-on and one Kubernetes version: the compatible versions, the newest the default. */
function describeAddonVersions(query) {
  const name = query.get("addonName");
  const kubernetesVersion = query.get("kubernetesVersion");
  const versions = (ADDON_VERSIONS[name] ?? []).filter((version) => version.clusterVersions.includes(kubernetesVersion));
  const addons =
    versions.length === 0
      ? []
      : [
          {
            addonName: name,
            addonVersions: versions.map((version, i) => ({
              addonVersion: version.addonVersion,
              architecture: ["amd64", "arm64"],
              compatibilities: [{ clusterVersion: kubernetesVersion, platformVersions: ["*"], defaultVersion: i === 0 }],
              requiresConfiguration: false,
            })),
          },
        ];
  return JSON.stringify({ addons });
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, "http://fake");
  if (request.method === "GET" && url.pathname === "/addons/supported-versions") {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(describeAddonVersions(url.searchParams));
    return;
  }
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    const url = new URL(request.url, "http://fake");
    if (request.method === "GET" && url.pathname === "/cluster-versions") {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(describeClusterVersions(url.searchParams));
      return;
    }
    const params = new URLSearchParams(body);
    const action = params.get("Action");
    if (action === "GetRole") {
      const xml = getRole(params);
      response.writeHead(xml === undefined ? 404 : 200, { "Content-Type": "text/xml" });
      response.end(
        xml ??
          `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>` +
            `<Message>The role with name ${params.get("RoleName")} cannot be found.</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
      );
      return;
    }
    if (action === "DescribeInstanceTypes") {
      const xml = describeInstanceTypes(params);
      response.writeHead(xml === undefined ? 400 : 200, { "Content-Type": "text/xml" });
      response.end(
        xml ??
          `<Response><Errors><Error><Code>InvalidInstanceType</Code><Message>The following supplied instance types do not exist: ` +
            `[${listParam(params, "InstanceType").join(", ")}]</Message></Error></Errors><RequestID>fake</RequestID></Response>`,
      );
      return;
    }
    const handlers = {
      DescribeAvailabilityZones: describeAvailabilityZones,
      DescribeInstanceTypeOfferings: describeInstanceTypeOfferings,
      GetCallerIdentity: getCallerIdentity,
    };
    const xml = handlers[action]?.(params);
    if (xml === undefined) process.stderr.write(`fake AWS endpoint: unexpected action ${action} ${request.method} ${request.url}\n`);
    response.writeHead(xml === undefined ? 400 : 200, { "Content-Type": "text/xml" });
    response.end(xml ?? `<Response><Errors><Error><Code>InvalidAction</Code><Message>${action}</Message></Error></Errors></Response>`);
  });
});

server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
const idle = setTimeout(() => process.exit(0), 30 * 60_000).unref();
server.on("request", () => idle.refresh());
