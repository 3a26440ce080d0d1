import type { Server } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { runLoad, runLoadInChild } from "../../harness/load";

let server: Server;
let url: string;
let answered = 0;

beforeEach(async () => {
  answered = 0;
  server = createServer((request, response) => {
    answered++;
    response.writeHead(request.url === "/fail" ? 503 : 200).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("runLoad", () => {
  it("counts a 200 as ok and anything else as failed, within its request bound", async () => {
    const ok = await runLoad({ url: url + "/", concurrency: 2, durationMs: 5000, maxRequests: 6 });
    const failed = await runLoad({ url: url + "/fail", concurrency: 1, durationMs: 5000, maxRequests: 2 });
    expect(ok.length).toBeGreaterThanOrEqual(6);
    expect(ok.every((s) => s.ok && s.status === 200)).toBe(true);
    expect(failed.map((s) => [s.ok, s.status])).toEqual([
      [false, 503],
      [false, 503],
    ]);
  });

  it("calls onFirstAnswer once, after the first request ended", async () => {
    const calls: number[] = [];
    await runLoad({ url: url + "/", concurrency: 1, durationMs: 5000, maxRequests: 3, onFirstAnswer: () => calls.push(answered) });
    expect(calls).toEqual([1]);
  });
});

describe("runLoadInChild", () => {
  // The load would run for 2 minutes, past the test's timeout, if `started` only came with the samples at its end.
  it("says when the child's first request has ended, and hands back every sample", async () => {
    const stop = new AbortController();
    const load = runLoadInChild({ url: url + "/", concurrency: 1, durationMs: 120_000 }, stop.signal);
    let ended = false;
    void load.then(() => (ended = true));
    await load.started;
    expect(ended).toBe(false);
    expect(answered).toBeGreaterThan(0);
    stop.abort();
    const samples = await load;
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.length).toBe(answered);
    expect(samples.every((s) => s.ok)).toBe(true);
  }, 30_000);
});
