/**
 * A client of the EC2 instance metadata service, IMDSv2 only: a PUT for a
 * session token, then GETs that carry it. The token is reused until shortly
 * before it expires; every call has a short timeout, because a pod that cannot
 * reach the service (hop limit 1) must fail fast, not hang.
 */

export interface ImdsClientOptions {
  /** Base URL of the metadata service. */
  readonly endpoint: string;
  /** Lifetime asked for each token, in seconds (IMDS allows 1 to 21600). */
  readonly tokenTtlSeconds?: number;
  /** Timeout of each HTTP call, in milliseconds. */
  readonly timeoutMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/** Why metadata could not be read, in words a user can act on. */
export class ImdsError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.name = "ImdsError";
    this.status = status;
  }
}

const TOKEN_HEADER = "x-aws-ec2-metadata-token";
const TTL_HEADER = "x-aws-ec2-metadata-token-ttl-seconds";
/** A token is replaced this long before it expires, so none expires in flight. */
const TOKEN_RENEW_MARGIN_MS = 60_000;

export class ImdsClient {
  private readonly endpoint: string;
  private readonly tokenTtlSeconds: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private token: { value: string; renewAt: number } | undefined;
  private tokenPending: Promise<string> | undefined;
  /** Token requests made, for tests and diagnostics. */
  tokenRequests = 0;

  constructor(options: ImdsClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, "");
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 21600;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** GET /latest/meta-data/<path>, as text. */
  async get(path: string): Promise<string> {
    const response = await this.call(`/latest/meta-data/${path}`, { headers: { [TOKEN_HEADER]: await this.sessionToken() } });
    if (response.status === 401) {
      // The token was revoked or expired early: get a new one, once.
      this.token = undefined;
      const retry = await this.call(`/latest/meta-data/${path}`, { headers: { [TOKEN_HEADER]: await this.sessionToken() } });
      return this.text(retry, path);
    }
    return this.text(response, path);
  }

  /** Concurrent reads share one token request. */
  private sessionToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return Promise.resolve(this.token.value);
    this.tokenPending ??= this.requestToken().finally(() => {
      this.tokenPending = undefined;
    });
    return this.tokenPending;
  }

  private async requestToken(): Promise<string> {
    this.tokenRequests += 1;
    const response = await this.call("/latest/api/token", { method: "PUT", headers: { [TTL_HEADER]: String(this.tokenTtlSeconds) } });
    if (response.status !== 200) {
      throw new ImdsError(`the metadata service refused a session token (HTTP ${response.status})`, response.status);
    }
    const value = await response.text();
    const lifetimeMs = this.tokenTtlSeconds * 1000;
    this.token = { value, renewAt: this.now() + Math.max(lifetimeMs - TOKEN_RENEW_MARGIN_MS, lifetimeMs / 2) };
    return value;
  }

  private async text(response: Response, path: string): Promise<string> {
    if (response.status !== 200) {
      throw new ImdsError(`the metadata service answered HTTP ${response.status} for ${path}`, response.status);
    }
    return (await response.text()).trim();
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(this.endpoint + path, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const failure = error as Error & { cause?: { code?: string; message?: string } };
      const reason =
        failure.name === "TimeoutError"
          ? `no answer within ${this.timeoutMs} ms`
          : (failure.cause?.code ?? failure.cause?.message ?? failure.message);
      throw new ImdsError(`the metadata service at ${this.endpoint} is unreachable: ${reason}`);
    }
  }
}
