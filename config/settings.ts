import type { SpecValues } from "./settings-spec";

/** How the worker nodes reach the internet. */
export type SubnetMode = SpecValues["subnetMode"];

/** Where Terraform keeps its state: the settings stateBucket, stateKeyPrefix and stateRegion (config/settings-spec.ts). */
export interface StateSettings {
  readonly bucket: string;
  readonly keyPrefix: string;
  /** The bucket's region: stateRegion, or the cluster's region when it is empty. */
  readonly region: string;
}

/**
 * Every setting of the project, after defaults, overrides and validation: each is declared, with its type, default
 * and documentation, once in config/settings-spec.ts. Here only what loading resolves: the AZs and subnets the network
 * plan settles on (same types), the flow-log retention (logRetentionDays when not written) and the state settings grouped.
 */
export interface Settings extends Omit<SpecValues, "flowLogRetentionDays" | "stateBucket" | "stateKeyPrefix" | "stateRegion"> {
  readonly flowLogRetentionDays: number;
  readonly state: StateSettings;
}
