import { ImdsClient } from "../../manifests/metadata-app/imds-client.mts";
import { MetadataCache } from "../../manifests/metadata-app/instance-metadata.mts";
import type { FakeImds } from "../../harness/fake-imds";
import { EXAMPLE_INSTANCE, startFakeImds } from "../../harness/fake-imds";

describe("MetadataCache", () => {
  let imds: FakeImds;
  let now: number;
  let cache: MetadataCache;
  beforeEach(async () => {
    imds = await startFakeImds(EXAMPLE_INSTANCE);
    now = 1_000_000;
    cache = new MetadataCache(new ImdsClient({ endpoint: imds.url }), 2000, () => now);
  });
  afterEach(() => imds.close());

  it("reads every field once, then answers from memory", async () => {
    await expect(cache.get()).resolves.toEqual(EXAMPLE_INSTANCE);
    now += 10 ** 9;
    await expect(cache.get()).resolves.toEqual(EXAMPLE_INSTANCE);
    expect(imds.counts.metadata).toBe(Object.keys(EXAMPLE_INSTANCE).length);
  });

  it("lets concurrent first reads share one read", async () => {
    const [first, second] = await Promise.all([cache.get(), cache.get()]);
    expect(second).toBe(first);
    expect(imds.counts.metadata).toBe(Object.keys(EXAMPLE_INSTANCE).length);
  });

  it("keeps a failure for its time to live only, then reads again once the service is back", async () => {
    imds.failWith(500);
    await expect(cache.get()).rejects.toThrow("the metadata service refused a session token (HTTP 500)");
    imds.failWith(undefined);
    now += 1999;
    await expect(cache.get()).rejects.toThrow("(HTTP 500)");
    expect(imds.counts.tokens).toBe(0);
    now += 1;
    await expect(cache.get()).resolves.toEqual(EXAMPLE_INSTANCE);
  });

  it("takes the failure's time from the real clock by default", async () => {
    const realClock = new MetadataCache(new ImdsClient({ endpoint: imds.url }), 60_000);
    imds.failWith(500);
    await expect(realClock.get()).rejects.toThrow("(HTTP 500)");
    imds.failWith(undefined);
    // A failure kept until 60 s after the epoch (a clock stuck at 0) would have lapsed already.
    await expect(realClock.get()).rejects.toThrow("(HTTP 500)");
  });
});
