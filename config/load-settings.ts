import { EksAmiType } from "./ami-types";
import { DEFAULTS, SettingName } from "./defaults";
import { ConfigError } from "./config-error";
import { Problems, parseBoolean, parseInteger, parseList, parseMap, parseString } from "./parse-values";
import { RawSetting, readBelowVariable, readRawSettings } from "./sources";
import { ControlPlaneLogType } from "./logging";
import { Settings, SubnetMode } from "./settings";
import { validateCluster } from "./validate-cluster";
import { validateLoadBalancer, validateStatsSourceRanges } from "./validate-load-balancer";
import { validateLogging } from "./validate-logging";
import { validateTags } from "./validate-tags";
import { checkDerivedNames } from "./validate-names";
import { checkKubernetesVersion } from "./validate-version";
import { planNetwork } from "./validate-network";
import { checkInstanceArchitecture } from "./validate-instance-types";
import { checkState } from "./validate-state";
import { checkUnknownSettings } from "./validate-unknown-settings";
import { checkUnusedSettings } from "./validate-unused-settings";
import { synthDate } from "./synth-date";

/**
 * Reads, parses and validates every setting. The one edge where input is
 * checked: throws a ConfigError listing every problem, or returns settings
 * the constructs can use without further checks. `today` decides which
 * Kubernetes versions EKS still offers; tests pass a fixed day, and without
 * one EKS_POC_SYNTH_DATE names it (config/synth-date.ts). What is
 * accepted but worth knowing (where the region came from) goes to `warn`.
 */
export function loadSettings(
  context: Readonly<Record<string, unknown>> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
  today?: Date,
  warn: (line: string) => void = () => {},
): Settings {
  const raw = readRawSettings(context, env);
  const get = (name: SettingName): RawSetting => raw.get(name)!;
  const problems = new Problems();
  checkUnknownSettings(context, env, problems);
  const day = today ?? synthDate(env, problems);

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
    tags: readTags(context, env, get("tags"), problems),
    overlay: parseString(get("overlay"), problems),
    singleNatGateway: parseBoolean(get("singleNatGateway"), problems),
    state: {
      bucket: parseString(get("stateBucket"), problems),
      keyPrefix: parseString(get("stateKeyPrefix"), problems),
      region: parseString(get("stateRegion"), problems) || region,
    },
  };
  const subnetMode = parseString(get("subnetMode"), problems) as SubnetMode;
  const explicitSubnets = {
    publicSubnetCidrs: parseList(get("publicSubnetCidrs"), problems),
    privateSubnetCidrs: parseList(get("privateSubnetCidrs"), problems),
  };
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
      ...explicitSubnets,
    },
    get,
    problems,
  );
  validateCluster(parsed, get, problems);
  checkInstanceArchitecture(parsed, get, problems);
  checkUnusedSettings({ ...parsed, ...explicitSubnets, subnetMode, stateBucket: parsed.state.bucket }, get, problems);
  checkState(parsed.state, get, problems);
  validateLoadBalancer(parsed, get, problems);
  checkKubernetesVersion(parsed, day, get, problems);
  checkDerivedNames(parsed.clusterName, network.azCount, get, problems);
  validateStatsSourceRanges(parsed, get, problems);
  const logging = {
    controlPlaneLogTypes: parseList(get("controlPlaneLogTypes"), problems) as ControlPlaneLogType[],
    flowLogDestination: parseString(get("flowLogDestination"), problems),
  };
  const flowLogRetentionDays = validateLogging({ ...logging, logRetentionDays: parsed.logRetentionDays }, get, problems);

  noteRegionSource(context, env, get("region"), problems);

  problems.warnings.forEach(warn);
  if (problems.lines.length > 0) {
    throw new ConfigError(problems.lines);
  }
  return { ...parsed, ...network, subnetMode, ...logging, flowLogRetentionDays };
}

/**
 * EKS_POC_TAGS adds to (and, key by key, overrides) the tags of cdktf.json
 * or the defaults, rather than replace them: a user adding an Owner keeps the
 * Project tag that cost reports group by. Each layer's problems name its source.
 */
function readTags(
  context: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>>, top: RawSetting, problems: Problems,
): Record<string, string> {
  const own = parseMap(top, problems);
  if (top.origin !== "environment") {
    validateTags(own, top, problems);
    return own;
  }
  const below = readBelowVariable("tags", context, env);
  const base = parseMap(below, problems);
  const tags = { ...base, ...own };
  validateTags(base, below, problems, 0);
  validateTags(own, top, problems, Object.keys(tags).length);
  return tags;
}

/** AWS_REGION (set by AWS tooling, often for another purpose) deciding the region over cdktf.json is said, not silent. */
function noteRegionSource(
  context: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>>, region: RawSetting, problems: Problems,
): void {
  if (region.source !== "AWS_REGION") return;
  const below = readBelowVariable("region", context, { ...env, AWS_REGION: undefined });
  if (String(below.value) !== String(region.value)) {
    problems.warn(region, `overrides region ${JSON.stringify(below.value)} (from ${below.source}); set EKS_POC_REGION to choose the region whatever AWS_REGION says`);
  }
}
