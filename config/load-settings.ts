import { EksAmiType } from "./ami-types";
import { DEFAULTS, SettingName } from "./defaults";
import { ConfigError } from "./config-error";
import { Problems, parseBoolean, parseInteger, parseList, parseMap, parseString } from "./parse-values";
import { RawSetting, readRawSettings } from "./sources";
import { ControlPlaneLogType } from "./logging";
import { Settings, SubnetMode } from "./settings";
import { validateCluster } from "./validate-cluster";
import { validateLoadBalancer, validateStatsSourceRanges } from "./validate-load-balancer";
import { validateLogging } from "./validate-logging";
import { validateTags } from "./validate-tags";
import { checkDerivedNames } from "./validate-names";
import { checkKubernetesVersion } from "./validate-version";
import { planNetwork } from "./validate-network";

/**
 * Reads, parses and validates every setting. The one edge where input is
 * checked: throws a ConfigError listing every problem, or returns settings
 * the constructs can use without further checks. `today` decides which
 * Kubernetes versions EKS still offers; tests pass a fixed day.
 */
export function loadSettings(
  context: Readonly<Record<string, unknown>> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
  today: Date = new Date(),
): Settings {
  const raw = readRawSettings(context, env);
  const get = (name: SettingName): RawSetting => raw.get(name)!;
  const problems = new Problems();

  const region = parseString(get("region"), problems);
  const parsed = {
    clusterName: parseString(get("clusterName"), problems),
    region,
    kubernetesVersion: parseString(get("kubernetesVersion"), problems),
    allowExtendedSupport: parseBoolean(get("allowExtendedSupport"), problems),
    nodeInstanceTypes: parseList(get("nodeInstanceTypes"), problems),
    // Checked against the accepted types in validateCluster.
    nodeAmiType: parseString(get("nodeAmiType"), problems) as EksAmiType,
    nodeDesiredSize: parseInteger(get("nodeDesiredSize"), problems),
    nodeMinSize: parseInteger(get("nodeMinSize"), problems),
    nodeMaxSize: parseInteger(get("nodeMaxSize"), problems),
    nodeDiskSizeGib: parseInteger(get("nodeDiskSizeGib"), problems),
    imdsHopLimit: parseInteger(get("imdsHopLimit"), problems),
    endpointPublicAccessCidrs: parseList(get("endpointPublicAccessCidrs"), problems),
    adminPrincipalArns: parseList(get("adminPrincipalArns"), problems),
    loadBalancerSourceRanges: parseList(get("loadBalancerSourceRanges"), problems),
    statsSourceRanges: parseList(get("statsSourceRanges"), problems),
    logRetentionDays: parseInteger(get("logRetentionDays"), problems),
    tags: parseMap(get("tags"), problems),
    overlay: parseString(get("overlay"), problems),
    singleNatGateway: parseBoolean(get("singleNatGateway"), problems),
    state: {
      bucket: parseString(get("stateBucket"), problems),
      keyPrefix: parseString(get("stateKeyPrefix"), problems),
      region: parseString(get("stateRegion"), problems) || region,
    },
  };
  const subnetMode = parseString(get("subnetMode"), problems) as SubnetMode;
  const network = planNetwork(
    {
      region,
      subnetMode,
      azs: parseList(get("azs"), problems),
      azCount: parseInteger(get("azCount"), problems),
      // cdktf.json ships the defaults; only a changed value there, or the environment, is the user's choice.
      azCountIsExplicit: get("azCount").origin === "environment"
        || (get("azCount").origin === "context" && String(get("azCount").value) !== String(DEFAULTS.azCount)),
      vpcCidr: parseString(get("vpcCidr"), problems),
      subnetPrefixLength: parseInteger(get("subnetPrefixLength"), problems),
      publicSubnetCidrs: parseList(get("publicSubnetCidrs"), problems),
      privateSubnetCidrs: parseList(get("privateSubnetCidrs"), problems),
    },
    get,
    problems,
  );
  validateCluster(parsed, get, problems);
  validateTags(parsed.tags, get("tags"), problems);
  validateLoadBalancer(parsed, get, problems);
  checkKubernetesVersion(parsed, today, get, problems);
  checkDerivedNames(parsed.clusterName, network.azCount, get, problems);
  validateStatsSourceRanges(parsed, get, problems);
  const logging = {
    controlPlaneLogTypes: parseList(get("controlPlaneLogTypes"), problems) as ControlPlaneLogType[],
    flowLogDestination: parseString(get("flowLogDestination"), problems),
  };
  const flowLogRetentionDays = validateLogging({ ...logging, logRetentionDays: parsed.logRetentionDays }, get, problems);

  if (problems.lines.length > 0) {
    throw new ConfigError(problems.lines);
  }
  return { ...parsed, ...network, subnetMode, ...logging, flowLogRetentionDays };
}
