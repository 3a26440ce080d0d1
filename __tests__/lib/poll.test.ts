import { PollTimeout, sleep, waitFor } from "../../lib/poll";

describe("waitFor", () => {
  afterEach(() => jest.useRealTimers());

  it("resolves once the check passes, after retrying the ones that did not", async () => {
    const answers = [false, "not yet", true];
    const check = jest.fn(() => answers.shift() ?? false);
    await expect(waitFor("the third answer", check, 5_000, 1)).resolves.toBeGreaterThanOrEqual(0);
    expect(check).toHaveBeenCalledTimes(3);
  });

  it("times out naming what it waited for and how long", async () => {
    const failure = waitFor("the moon", () => false, 30, 5);
    await expect(failure).rejects.toThrow(PollTimeout);
    await expect(failure).rejects.toThrow("timed out after 30 ms waiting for the moon");
  });

  it("reports the last problem its check gave, in the error and to onRetry", async () => {
    const problems = ["connection refused", "HTTP 503"];
    const heard: Array<string | undefined> = [];
    let calls = 0;
    const check = () => (calls++ === 0 ? false : (problems.shift() ?? "HTTP 503 again"));
    const error = await waitFor("the port", check, 40, 5, (problem) => heard.push(problem)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PollTimeout);
    expect((error as PollTimeout).lastProblem).toBe("HTTP 503 again");
    expect((error as PollTimeout).message).toMatch(/waiting for the port: HTTP 503 again$/);
    expect(heard.slice(0, 3)).toEqual([undefined, "connection refused", "HTTP 503"]);
  });

  it("keeps the last problem when a later check only says false", async () => {
    const answers: Array<boolean | string> = ["DNS: not found"];
    const error = await waitFor("the name", () => answers.shift() ?? false, 30, 5).catch((e: unknown) => e);
    expect((error as PollTimeout).lastProblem).toBe("DNS: not found");
  });

  it("never sleeps past the deadline: a long interval still ends with a last check at the timeout", async () => {
    jest.useFakeTimers();
    const check = jest.fn(() => false);
    const failure = waitFor("a slow thing", check, 1_000, 60_000);
    const settled = failure.catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(await settled).toBeInstanceOf(PollTimeout);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it("checks once even with no time left, and a check that throws ends the wait at once", async () => {
    await expect(waitFor("an instant answer", () => true, 0)).resolves.toBeGreaterThanOrEqual(0);
    const check = jest.fn((): boolean => {
      throw new Error("something else answers port 5000");
    });
    await expect(waitFor("the app", check, 5_000, 1)).rejects.toThrow("something else answers port 5000");
    expect(check).toHaveBeenCalledTimes(1);
  });
});

describe("sleep", () => {
  it("resolves after the given time, not before", async () => {
    jest.useFakeTimers();
    let done = false;
    const slept = sleep(500).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);
    jest.useRealTimers();
  });
});
