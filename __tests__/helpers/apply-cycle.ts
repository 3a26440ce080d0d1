import { stopCommands } from "./async-command";
import { EmulatedStack } from "./emulated-stack";
import type { MotoFront } from "./moto-front";
import { leftBehind, startMotoFront } from "./moto-front";
import { accountContents } from "./moto-leftovers";
import type { MotoServer } from "./moto-server";
import { startMotoServer } from "./moto-server";

/** A step may take several Terraform commands of up to a few minutes each on a loaded machine. */
const STEP_TIMEOUT_MS = 20 * 60_000;

/**
 * The cluster stack, synthesized with `settingsEnv`, through apply, a plan
 * that must find nothing to change, destroy, a look at what is left (only KMS
 * keys pending deletion may be), a second apply of the same names and a last
 * destroy, against a moto_server and front of its own. `prepare` creates what
 * the stack expects to exist already (such as a flow-log bucket).
 */
export function describeApplyCycle(title: string, settingsEnv: Record<string, string>, prepare?: (motoUrl: string) => Promise<void>): void {
  describe(`the cluster stack applied to moto: ${title}`, () => {
    let moto: MotoServer;
    let front: MotoFront;
    let stack: EmulatedStack;
    let before: ReadonlySet<string>;

    beforeAll(async () => {
      moto = await startMotoServer();
      front = await startMotoFront(moto.url);
      await prepare?.(moto.url);
      before = await accountContents(moto.url);
      stack = new EmulatedStack(settingsEnv, front.url);
      await stack.mustRun("init");
    }, STEP_TIMEOUT_MS);

    afterAll(async () => {
      stopCommands();
      await front?.stop();
      await moto?.stop();
    }, 60_000);

    it(
      "applies, then plans no change",
      async () => {
        await stack.mustRun("apply", "-auto-approve");
        const plan = await stack.run("plan", "-detailed-exitcode", "-lock=false");
        // -detailed-exitcode: 0 no changes, 1 error, 2 changes (a perpetual diff: what the API returns differs from the stack).
        if (plan.code !== 0) throw new Error(`the plan after apply exited ${plan.code}, expected 0 (no changes):\n${plan.output}`);
      },
      STEP_TIMEOUT_MS,
    );

    it(
      "destroys everything but the KMS keys, which wait out their deletion window",
      async () => {
        await stack.mustRun("destroy", "-auto-approve");
        expect(await leftBehind(front, moto.url, before)).toEqual([]);
      },
      STEP_TIMEOUT_MS,
    );

    it(
      "applies again with the same names and destroys again",
      async () => {
        await stack.mustRun("apply", "-auto-approve");
        await stack.mustRun("destroy", "-auto-approve");
        expect(await leftBehind(front, moto.url, before)).toEqual([]);
      },
      STEP_TIMEOUT_MS,
    );
  });
}
