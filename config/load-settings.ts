import type { KubernetesObject } from "../kubernetes/kubernetes-object";
import { parseMap } from "./parse-values";
import { Problems } from "./problems";
import type { RawSetting } from "./problems";
import { checkPodCapacity, podsPerNode } from "./rules/nodes";
import { validateTags } from "./rules/workloads-and-tags";
import { CROSS_SETTING_RULES, NETWORK_RULE, SETTINGS_SPEC, SETTING_NAMES } from "./settings-spec";
import type { SettingName, SettingSpec, Settings, SpecValues } from "./settings-spec";
import { checkUnknownSettings, profileRegion, readBelowVariable, readRawSettings, synthDate } from "./sources";

/**
 * Reads, parses and validates every setting, as config/settings-spec.ts
 * declares them. The one edge where input is checked: throws a ConfigError
 * listing every problem, or returns settings the constructs can use without
 * further checks. `today` decides which Kubernetes versions EKS still offers;
 * tests pass a fixed day, and without one EKS_POC_SYNTH_DATE names it
 * (config/sources.ts). What is accepted but worth knowing (where the region
 * came from) goes to `warn`.
 */
export function loadSettings(
  context: Readonly<Record<string, unknown>> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
  today?: Date,
  warn: (line: string) => void = () => {},
): Settings {
  const raw = readRawSettings(context, env);
  const get = (name: SettingName): RawSetting => raw[name];
  const problems = new Problems();
  checkUnknownSettings(context, env, problems);
  const day = today ?? synthDate(env, problems);

  const parsed: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    // Each entry's parser and rules agree on its own type (settings-spec.ts checks that); the loop sees them all as one.
    const spec = SETTINGS_SPEC[name] as SettingSpec<unknown>;
    parsed[name] = name === "tags" ? readTags(context, env, get("tags"), problems) : parseAndCheck(spec, get(name), problems);
  }
  const values = parsed as unknown as SpecValues;

  const network = NETWORK_RULE.plan(values, get, problems);
  for (const rule of CROSS_SETTING_RULES) rule.check({ values, get, day, azCount: network.azCount }, problems);
  noteRegionSource(context, env, get("region"), problems);

  problems.settle(warn);
  const { stateBucket, stateKeyPrefix, stateRegion, flowLogRetentionDays, ...rest } = values;
  return {
    ...rest,
    ...network,
    flowLogRetentionDays: flowLogRetentionDays ?? values.logRetentionDays,
    state: { bucket: stateBucket, keyPrefix: stateKeyPrefix, region: stateRegion || values.region },
  };
}

/** One setting's value as its spec parses it, after the rules of that setting alone. */
export function parseAndCheck<T>(spec: SettingSpec<T>, raw: RawSetting, problems: Problems): T {
  const value = spec.parse(raw, problems);
  for (const rule of spec.rules ?? []) rule(value, raw, problems);
  return value;
}

/**
 * EKS_POC_TAGS adds to (and, key by key, overrides) the tags of cdktf.json
 * or the defaults, rather than replace them: a user adding an Owner keeps the
 * Project tag that cost reports group by. Each layer's problems name its source.
 */
function readTags(
  context: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  top: RawSetting,
  problems: Problems,
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
  validateTags(own, top, problems, Object.keys(tags).length, Object.keys(base));
  return tags;
}

/**
 * The AWS tooling's region sources, often set for another purpose, are said, not silent: AWS_REGION or
 * AWS_DEFAULT_REGION deciding the region over cdktf.json or the default, and the AWS profile's region that the AWS CLI
 * would use but synth does not, when it differs from the default region synth took.
 */
function noteRegionSource(
  context: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  region: RawSetting,
  problems: Problems,
): void {
  const variables = SETTINGS_SPEC.region.alsoFrom ?? [];
  if (variables.includes(region.source)) {
    const below = readBelowVariable("region", context, { ...env, ...Object.fromEntries(variables.map((v) => [v, undefined])) });
    if (String(below.value) !== String(region.value)) {
      problems.warn(
        region,
        `overrides region ${JSON.stringify(below.value)} (from ${below.source}); set EKS_POC_REGION to choose the region whatever ${region.source} says`,
      );
    }
    return;
  }
  const profile = region.origin === "default" ? profileRegion(env) : undefined;
  if (profile && profile.region !== region.value) {
    problems.warn(
      region,
      `the AWS profile ${profile.profile} sets region ${profile.region} (${profile.file}), which synth does not read; ` +
        "set EKS_POC_REGION, AWS_REGION or cdktf.json's region to deploy there",
    );
  }
}

/**
 * The overlay setting alone, from the same sources and with the same check as
 * loadSettings: for the scripts that only render the overlay (npm start,
 * npm run verify --url). A deployed cluster is verified, and the local one
 * started, even when another setting, or the Kubernetes version calendar,
 * would stop a new synth. Throws a ConfigError naming the value and its source.
 */
export function readOverlay(
  context: Readonly<Record<string, unknown>> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const raw = readRawSettings(context, env).overlay;
  const problems = new Problems();
  const overlay = parseAndCheck(SETTINGS_SPEC.overlay, raw, problems);
  problems.settle();
  return overlay;
}

/**
 * The check main.ts runs once the overlay is rendered (the pod count needs
 * it): throws a ConfigError on a type too small, reports warnings to `warn`.
 */
export function checkNodeCapacity(
  settings: Pick<Settings, "nodeInstanceTypes">,
  objects: readonly KubernetesObject[],
  context: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  warn: (line: string) => void,
): void {
  const problems = new Problems();
  checkPodCapacity(settings.nodeInstanceTypes, podsPerNode(objects), readRawSettings(context, env).nodeInstanceTypes, problems);
  problems.settle(warn);
}
