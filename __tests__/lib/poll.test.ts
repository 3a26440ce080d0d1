import { PollTimeout, sleep, waitFor } from "../../lib/poll";

describe("waitFor", () => {
  afterEach(() => jest.useRealTimers());

  /** Runs `waitFor` on jest's fake clock to its end: what it resolved or rejected with. */
  async function onFakeClock(run: () => Promise<number>, advanceMs: number): Promise<unknown> {
    jest.useFakeTimers();
    const settled = run().catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(advanceMs);
    return settled;
  }

  it("resolves once the check passes, after retrying the ones that did not, to the time it waited", async () => {
    const answers = [false, "not yet", true];
    const check = jest.fn(() => answers.shift() ?? false);
    expect(await onFakeClock(() => waitFor("the third answer", check, 5_000, 10), 20)).toBe(20);
    expect(check).toHaveBeenCalledTimes(3);
  });

  it("times out naming what it waited for and how long", async () => {
    const error = await onFakeClock(() => waitFor("the moon", () => false, 30, 5), 30);
    expect(error).toBeInstanceOf(PollTimeout);
    expect((error as PollTimeout).name).toBe("PollTimeout");
    expect((error as PollTimeout).message).toBe("timed out after 30 ms waiting for the moon");
  });

  it("reports the last problem its check gave, in the error and to onRetry", async () => {
    const answers: Array<boolean | string> = [false, "connection refused", "HTTP 503"];
    const heard: Array<string | undefined> = [];
    const check = () => answers.shift() ?? "HTTP 503 again";
    const error = await onFakeClock(() => waitFor("the port", check, 40, 10, (problem) => heard.push(problem)), 40);
    expect(error).toBeInstanceOf(PollTimeout);
    expect((error as PollTimeout).lastProblem).toBe("HTTP 503 again");
    expect((error as PollTimeout).message).toBe("timed out after 40 ms waiting for the port: HTTP 503 again");
    // Checks at 0, 10, 20, 30 and 40 ms; the last one, at the deadline, is not retried.
    expect(heard).toEqual([undefined, "connection refused", "HTTP 503", "HTTP 503 again"]);
  });

  it("keeps the last problem when a later check only says false", async () => {
    const answers: Array<boolean | string> = ["DNS: not found"];
    const heard: Array<string | undefined> = [];
    const error = await onFakeClock(
      () =>
        waitFor(
          "the name",
          () => answers.shift() ?? false,
          30,
          10,
          (problem) => heard.push(problem),
        ),
      30,
    );
    expect((error as PollTimeout).lastProblem).toBe("DNS: not found");
    // Progress hears what each check said: a bare false names no problem.
    expect(heard).toEqual(["DNS: not found", undefined, undefined]);
  });

  it("never sleeps past the deadline: a long interval still ends with a last check at the timeout", async () => {
    const check = jest.fn(() => false);
    expect(await onFakeClock(() => waitFor("a slow thing", check, 1_000, 60_000), 1_000)).toBeInstanceOf(PollTimeout);
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
