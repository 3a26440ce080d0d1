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
    now += 239_999;
    await client.get("instance-id");
    expect(client.tokenRequests).toBe(1);
    // 300 s less the 60 s margin: renewed at 240 s, not a millisecond later.
    now += 1;
    await client.get("instance-id");
    expect(client.tokenRequests).toBe(2);
  });

  it("renews a short-lived token at half its life, where the margin would leave none", async () => {
    let now = 0;
    const client = new ImdsClient({ endpoint: imds.url, tokenTtlSeconds: 100, now: () => now });
    await client.get("instance-id");
    now = 49_999;
    await client.get("instance-id");
    expect(client.tokenRequests).toBe(1);
    now = 50_000;
    await client.get("instance-id");
    expect(client.tokenRequests).toBe(2);
  });

  it("lets concurrent reads share one token request", async () => {
    const client = new ImdsClient({ endpoint: imds.url });
    await Promise.all([client.get("instance-id"), client.get("instance-type"), client.get("local-ipv4")]);
    expect(client.tokenRequests).toBe(1);
    expect(imds.counts.tokens).toBe(1);
  });

  it("asks for a token of six hours unless told otherwise", async () => {
    let now = 0;
    const client = new ImdsClient({ endpoint: imds.url, now: () => now });
    await client.get("instance-id");
    // Renewed a minute before the six hours IMDS allows at most.
    now = 21_540_000 - 1;
    await client.get("instance-id");
    expect(client.tokenRequests).toBe(1);
    now += 1;
    await client.get("instance-id");
    expect(client.tokenRequests).toBe(2);
  });

  it("accepts an endpoint written with trailing slashes", async () => {
    const client = new ImdsClient({ endpoint: `${imds.url}//` });
    await expect(client.get("instance-id")).resolves.toBe("i-0123456789abcdef0");
  });

  it("returns a value without the whitespace around it", async () => {
    const padded = await startFakeImds({ ...EXAMPLE_INSTANCE, region: " eu-west-3\n" });
    try {
      await expect(new ImdsClient({ endpoint: padded.url }).get("placement/region")).resolves.toBe("eu-west-3");
    } finally {
      await padded.close();
    }
  });

  it("never returns an answer other than 200 as a value", async () => {
    const client = new ImdsClient({ endpoint: imds.url });
    const error = await client.get("no-such-category").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImdsError);
    expect(error).toMatchObject({ name: "ImdsError", status: 404, message: "the metadata service answered HTTP 404 for no-such-category" });
  });

  it("never returns the answer to its retry with a new token as a value unless it is 200", async () => {
    const client = new ImdsClient({ endpoint: imds.url });
    await client.get("instance-id");
    imds.revokeTokens();
    await expect(client.get("no-such-category")).rejects.toMatchObject({ status: 404 });
    expect(imds.counts.tokens).toBe(2);
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

  it("asks for a new token after a refused one", async () => {
    const client = new ImdsClient({ endpoint: imds.url });
    imds.failWith(500);
    await expect(client.get("instance-id")).rejects.toMatchObject({ status: 500 });
    imds.failWith(undefined);
    await expect(client.get("instance-id")).resolves.toBe("i-0123456789abcdef0");
    expect(client.tokenRequests).toBe(2);
  });

  it("says why a request could not be made when the failure carries no code", async () => {
    // undici's error for a scheme it does not speak has a cause with a message and no code.
    const client = new ImdsClient({ endpoint: "ftp://127.0.0.1" });
    await expect(client.get("instance-id")).rejects.toThrow("the metadata service at ftp://127.0.0.1 is unreachable: unknown scheme");
  });

  it("says why a request could not be made when the failure has no cause", async () => {
    const client = new ImdsClient({ endpoint: "http://user:secret@127.0.0.1:1" });
    await expect(client.get("instance-id")).rejects.toThrow(
      /is unreachable: Request cannot be constructed from a URL that includes credentials/,
    );
  });
});
