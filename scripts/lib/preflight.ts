import { hasTool, missingToolLine } from "../../lib/require-tool";
import { capture } from "../../lib/run";

/** The commands that talk to AWS, and so need its tools and credentials before cdktf starts. */
export type AwsCommand = "deploy" | "destroy" | "plan";

/** The AWS identity `aws sts get-caller-identity` reports, or why it failed. */
export type CallerIdentity = { readonly arn: string } | { readonly error: string };

/** How the preflight looks at this machine; tests inject their own. */
export interface PreflightLookups {
  readonly hasTool: (tool: string) => boolean;
  readonly callerIdentity: () => CallerIdentity;
}

/** What each command runs: terraform for the stacks, kubectl for the overlay, aws for `aws eks get-token` and the provider's credentials. */
const TOOLS: Record<AwsCommand, readonly string[]> = {
  deploy: ["terraform", "kubectl", "aws"],
  destroy: ["terraform", "kubectl", "aws"],
  plan: ["terraform", "kubectl", "aws"],
};

/** The verdict: one line per problem, or the identity the command will act as. */
export interface PreflightResult {
  readonly problems: readonly string[];
  readonly identity?: string;
}

/** Checks the tools `command` needs and, when the AWS CLI is there, that credentials work. */
export function preflight(command: AwsCommand, lookups: PreflightLookups = machineLookups): PreflightResult {
  const problems = TOOLS[command].filter((tool) => !lookups.hasTool(tool)).map(missingToolLine);
  if (!TOOLS[command].includes("aws") || problems.some((p) => p.startsWith("aws "))) return { problems };
  const identity = lookups.callerIdentity();
  if ("error" in identity) {
    return {
      problems: [
        ...problems,
        `no usable AWS credentials (aws sts get-caller-identity: ${identity.error}): ` +
          "run `aws configure` or `aws sso login`, or set AWS_PROFILE",
      ],
    };
  }
  return { problems, identity: identity.arn };
}

/** The preflight of a script that goes on only when it passes: the identity, or an error of one line per problem. */
export function requirePreflight(command: AwsCommand, lookups: PreflightLookups = machineLookups): string {
  const { problems, identity } = preflight(command, lookups);
  if (problems.length > 0 || identity === undefined) throw new Error(problems.join(`\n${command}: `));
  return identity;
}

const STS_TIMEOUT_MS = 30_000;

/** `aws sts get-caller-identity`, bounded in time; the first line of its complaint on failure. */
export function awsCallerIdentity(env: NodeJS.ProcessEnv = process.env): CallerIdentity {
  const run = capture("aws", ["sts", "get-caller-identity", "--output", "json"], { timeoutMs: STS_TIMEOUT_MS, env });
  if (run.error)
    return {
      error: (run.error as NodeJS.ErrnoException).code === "ETIMEDOUT" ? `no answer within ${STS_TIMEOUT_MS / 1000} s` : run.error.message,
    };
  if (run.status !== 0)
    return {
      error:
        run.stderr
          .trim()
          .split("\n")
          .find((line) => line.trim()) ?? `exit ${run.status}`,
    };
  try {
    return { arn: (JSON.parse(run.stdout) as { Arn: string }).Arn };
  } catch {
    return { error: `unexpected answer: ${run.stdout.trim().slice(0, 80)}` };
  }
}

export const machineLookups: PreflightLookups = { hasTool, callerIdentity: () => awsCallerIdentity() };
