import { join } from "node:path";
import { STACK_NAMES } from "../../stacks/stack-names";
import { boundAwsProviderVersion, findAwsProviderMirror } from "../../scripts/lib/provider-mirror";
import type { CommandResult } from "../helpers/async-command";
import { runCommand, stopCommands } from "../helpers/async-command";
import type { MotoFront } from "../helpers/moto-front";
import { leftBehind, startMotoFront } from "../helpers/moto-front";
import { accountContents } from "../helpers/moto-leftovers";
import type { MotoServer } from "../helpers/moto-server";
import { startMotoServer } from "../helpers/moto-server";
import { copyProject } from "../helpers/project-copy";
import { EXPLICIT_AZS } from "../helpers/settings";
import { OfflineTerraform } from "../helpers/terraform";

const COMMAND_TIMEOUT_MS = 15 * 60_000;
const LOG_GROUP = "/aws/eks/eks-haproxy-poc/cluster";

/**
 * npm run deploy and npm run destroy, the project's own commands, in a copy of
 * the project, with every AWS call (the AWS CLI's and the provider's) sent to
 * moto through AWS_ENDPOINT_URL, which both honour: the preflight, the synth,
 * the workload check, the control-plane log-group sweep and the destroy plan
 * all run, against the cluster stack alone (`--cluster-only`: the workloads
 * stack needs a Kubernetes API, which moto does not run).
 */
describe("npm run deploy and npm run destroy of the cluster stack against moto", () => {
  let moto: MotoServer;
  let front: MotoFront;
  let project: string;
  let env: NodeJS.ProcessEnv;
  let before: ReadonlySet<string>;

  const npm = (...args: string[]): Promise<CommandResult> =>
    runCommand("npm", ["run", ...args], { cwd: project, env, timeoutMs: COMMAND_TIMEOUT_MS });
  const mustNpm = async (...args: string[]): Promise<string> => {
    const result = await npm(...args);
    if (result.code !== 0) throw new Error(`npm run ${args.join(" ")} failed (${result.code}):\n${result.output}`);
    return result.output;
  };

  beforeAll(async () => {
    moto = await startMotoServer();
    front = await startMotoFront(moto.url);
    before = await accountContents(moto.url);
    project = copyProject();
    const stackDir = join(project, "cdktf.out", "stacks", STACK_NAMES.cluster);
    // The mirror's CLI configuration, without this machine's AWS settings or the user's EKS_POC_ settings (but the tests' day).
    const inherited = Object.fromEntries(
      Object.entries(new OfflineTerraform(stackDir, boundAwsProviderVersion()).environment()).filter(
        ([name]) => !/^(AWS_|EKS_POC_)/.test(name) || name === "EKS_POC_SYNTH_DATE",
      ),
    );
    env = {
      ...inherited,
      ...EXPLICIT_AZS,
      AWS_ENDPOINT_URL: front.url,
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_DEFAULT_REGION: "us-east-1",
      // Nothing of this machine's AWS configuration may reach the emulator, nor a real account.
      AWS_CONFIG_FILE: join(project, "no-aws-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(project, "no-aws-credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      CI: "1",
    };
    await mustNpm("synth");
    // cdktf deploy runs `terraform providers lock` from the registry when the stack has no lock file (its first deploy);
    // offline, the lock comes from the local mirror instead, as it would be there after an earlier deploy.
    const lock = await runCommand(
      "terraform",
      ["providers", "lock", `-fs-mirror=${findAwsProviderMirror(boundAwsProviderVersion())}`, "-platform=linux_amd64", "-no-color"],
      { cwd: stackDir, env, timeoutMs: COMMAND_TIMEOUT_MS },
    );
    if (lock.code !== 0) throw new Error(`terraform providers lock failed:\n${lock.output}`);
  }, COMMAND_TIMEOUT_MS);

  afterAll(async () => {
    stopCommands();
    await front?.stop();
    await moto?.stop();
  }, 60_000);

  it(
    "deploys the cluster stack as the emulator's caller",
    async () => {
      const output = await mustNpm("deploy", "--", "--auto-approve", "--cluster-only");
      expect(output).toContain("deploy: as arn:aws:sts::123456789012:user/moto");
      expect(output).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    },
    COMMAND_TIMEOUT_MS,
  );

  it(
    "destroys it, skipping the empty workloads stack, and leaves only KMS keys pending deletion",
    async () => {
      const output = await mustNpm("destroy", "--", "--auto-approve", "--log-watch-seconds", "1");
      expect(output).toContain(`destroy: ${STACK_NAMES.workloads}: nothing deployed, skipped`);
      expect(output).toMatch(/Destroy complete! Resources: \d+ destroyed/);
      expect(output).toContain(`destroy: ${LOG_GROUP}: none left`);
      expect(await leftBehind(front, moto.url, before)).toEqual([]);
    },
    COMMAND_TIMEOUT_MS,
  );

  it(
    "deploys again after EKS re-created the control-plane log group, deleting it first, then destroys again",
    async () => {
      const created = await runCommand("aws", ["logs", "create-log-group", "--log-group-name", LOG_GROUP], {
        cwd: project,
        env,
        timeoutMs: 60_000,
      });
      expect(created.code).toBe(0);
      const output = await mustNpm("deploy", "--", "--auto-approve", "--cluster-only");
      expect(output).toContain(`deploy: ${LOG_GROUP}: deleted, left behind by an earlier cluster of this name`);
      expect(output).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
      await mustNpm("destroy", "--", "--auto-approve", "--log-watch-seconds", "1");
      expect(await leftBehind(front, moto.url, before)).toEqual([]);
    },
    2 * COMMAND_TIMEOUT_MS,
  );
});
