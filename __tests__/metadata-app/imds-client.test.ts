import { ImdsClient, ImdsError } from "../../manifests/metadata-app/imds-client.mts";
import type { FakeImds } from "../../harness/fake-imds";
import { EXAMPLE_INSTANCE, startFakeImds } from "../../harness/fake-imds";

describe("ImdsClient against an IMDSv2-only metadata service", () => {
  let imds: FakeImds;
  beforeEach(async () => {
    imds = await startFakeImds(EXAMPLE_INSTANCE);
  });
  afterEach(() => imds.close());

  it("gets a token, then reads metadata with it", async () => {
    const client = new ImdsClient({ endpoint: imds.url });
    await expect(client.get("placement/availability-zone")).resolves.toBe("us-east-1a");
    expect(imds.counts).toEqual({ tokens: 1, metadata: 1, rejected: 0 });
  });

  it("reuses its token until shortly before it expires", async () => {
    let now = 1_000_000;
    const client = new ImdsClient({ endpoint: imds.url, tokenTtlSeconds: 300, now: () => now });
    for (let i = 0; i < 5; i++) await client.get("instance-id");
    expect(client.tokenRequests).toBe(1);
    now += 239_000;
    await client.get("instance-id");
    expect(client.tokenRequests).toBe(1);
    now += 2_000;
    await client.get("instance-id");
    expect(client.tokenRequests).toBe(2);
  });

  it("gets a new token once when the service no longer accepts the old one", async () => {
    const client = new ImdsClient({ endpoint: imds.url });
    await client.get("instance-id");
    imds.revokeTokens();
    await expect(client.get("instance-type")).resolves.toBe("t3.medium");
    expect(imds.counts.tokens).toBe(2);
  });

  it("says the service is unreachable when nothing listens", async () => {
    const url = imds.url;
    await imds.close();
    const client = new ImdsClient({ endpoint: url });
    await expect(client.get("instance-id")).rejects.toThrow(new ImdsError(`the metadata service at ${url} is unreachable: ECONNREFUSED`));
  });

  it("gives up after its timeout when the service never answers", async () => {
    imds.blackHole();
    const client = new ImdsClient({ endpoint: imds.url, timeoutMs: 200 });
    const started = Date.now();
    await expect(client.get("instance-id")).rejects.toThrow("no answer within 200 ms");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reports a refused token request with its status", async () => {
    const client = new ImdsClient({ endpoint: imds.url, tokenTtlSeconds: 0 });
    await expect(client.get("instance-id")).rejects.toThrow("the metadata service refused a session token (HTTP 400)");
  });
});
