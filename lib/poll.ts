/**
 * What one check says: `true` when the awaited thing is there; `false`, or a line saying what is still wrong, when
 * not yet. A check that throws ends the wait at once (for answers that waiting cannot change).
 */
export type PollCheck = () => Promise<boolean | string> | boolean | string;

/** A wait that ran out of time: names what it waited for and the last problem its check reported. */
export class PollTimeout extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastProblem: string | undefined,
  ) {
    super(`timed out after ${timeoutMs} ms waiting for ${what}${lastProblem === undefined ? "" : `: ${lastProblem}`}`);
    this.name = "PollTimeout";
  }
}

/**
 * Runs `check` until it returns true, at most `timeoutMs` after the first check (which always runs), pausing
 * `intervalMs` between checks but never past the deadline, so a last check runs at it. `onRetry` hears each
 * failed check's problem (for progress lines). Resolves to the milliseconds waited; rejects with a PollTimeout.
 */
export async function waitFor(
  what: string,
  check: PollCheck,
  timeoutMs = 15_000,
  intervalMs = 100,
  onRetry?: (problem: string | undefined) => void,
): Promise<number> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let lastProblem: string | undefined;
  for (;;) {
    const result = await check();
    if (result === true) return Date.now() - started;
    lastProblem = result === false ? lastProblem : result;
    const left = deadline - Date.now();
    if (left <= 0) throw new PollTimeout(what, timeoutMs, lastProblem);
    onRetry?.(result === false ? undefined : result);
    await sleep(Math.min(intervalMs, left));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
