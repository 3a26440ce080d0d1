import type { ImdsClient } from "./imds-client.mts";

/** What the app reports about the node that served the request. */
export interface InstanceMetadata {
  readonly region: string;
  readonly availabilityZone: string;
  readonly availabilityZoneId: string;
  readonly instanceId: string;
  readonly instanceType: string;
  readonly privateIp: string;
}

const PATHS: Record<keyof InstanceMetadata, string> = {
  region: "placement/region",
  availabilityZone: "placement/availability-zone",
  availabilityZoneId: "placement/availability-zone-id",
  instanceId: "instance-id",
  instanceType: "instance-type",
  privateIp: "local-ipv4",
};

/**
 * Instance metadata does not change while the instance lives, so it is read
 * once and kept. Concurrent first requests share one read; a failure is kept
 * only briefly, so an outage does not hold every request for a timeout.
 */
export class MetadataCache {
  private readonly client: ImdsClient;
  private readonly failureTtlMs: number;
  private readonly now: () => number;
  private value: InstanceMetadata | undefined;
  private pending: Promise<InstanceMetadata> | undefined;
  private failure: { error: Error; until: number } | undefined;

  /** `now` is the clock, for tests. */
  constructor(client: ImdsClient, failureTtlMs = 2000, now: () => number = Date.now) {
    this.client = client;
    this.failureTtlMs = failureTtlMs;
    this.now = now;
  }

  async get(): Promise<InstanceMetadata> {
    if (this.value) return this.value;
    if (this.failure && this.now() < this.failure.until) throw this.failure.error;
    this.pending ??= this.read().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async read(): Promise<InstanceMetadata> {
    try {
      const entries = await Promise.all(Object.entries(PATHS).map(async ([key, path]) => [key, await this.client.get(path)] as const));
      // Once read, the value answers every call before a past failure is looked at.
      this.value = Object.fromEntries(entries) as unknown as InstanceMetadata;
      return this.value;
    } catch (error) {
      this.failure = { error: error as Error, until: this.now() + this.failureTtlMs };
      throw error;
    }
  }
}
