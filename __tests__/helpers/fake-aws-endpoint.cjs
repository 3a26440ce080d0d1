// A loopback stand-in for the two AWS query APIs the cluster stack's data sources
// call at plan: EC2 DescribeAvailabilityZones and STS GetCallerIdentity. It runs
// in its own process because the tests run Terraform synchronously. It prints its
// port, answers until its parent closes stdin, and exits after 5 minutes at most.
//   FAKE_AWS_REGION  region of the zones
//   FAKE_AWS_ZONES   JSON {"us-east-1a": "use1-az1", ...}: this "account"'s name -> zone ID map
//   FAKE_AWS_CALLER  the ARN GetCallerIdentity returns
const http = require("node:http");

const region = process.env.FAKE_AWS_REGION;
const zones = JSON.parse(process.env.FAKE_AWS_ZONES);
const caller = process.env.FAKE_AWS_CALLER;

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
    .map(([name, id]) => `<item><zoneName>${name}</zoneName><zoneId>${id}</zoneId><zoneState>available</zoneState>`
      + `<optInStatus>opt-in-not-required</optInStatus><regionName>${region}</regionName><groupName>${region}</groupName>`
      + `<networkBorderGroup>${region}</networkBorderGroup><zoneType>availability-zone</zoneType><messageSet/></item>`);
  return `<DescribeAvailabilityZonesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId>`
    + `<availabilityZoneInfo>${items.join("")}</availabilityZoneInfo></DescribeAvailabilityZonesResponse>`;
}

function getCallerIdentity() {
  const account = caller.split(":")[4];
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>`
    + `<Arn>${caller}</Arn><UserId>AIDAFAKEFAKEFAKEFAKE</UserId><Account>${account}</Account></GetCallerIdentityResult>`
    + `<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}

const server = http.createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => { body += chunk; });
  request.on("end", () => {
    const params = new URLSearchParams(body);
    const action = params.get("Action");
    const xml = action === "DescribeAvailabilityZones" ? describeAvailabilityZones(params)
      : action === "GetCallerIdentity" ? getCallerIdentity() : undefined;
    if (xml === undefined) process.stderr.write(`fake AWS endpoint: unexpected action ${action}\n`);
    response.writeHead(xml === undefined ? 400 : 200, { "Content-Type": "text/xml" });
    response.end(xml ?? `<Response><Errors><Error><Code>InvalidAction</Code><Message>${action}</Message></Error></Errors></Response>`);
  });
});

server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), 5 * 60_000).unref();
