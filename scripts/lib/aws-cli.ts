import { requireTool } from "../../lib/require-tool";
import { capture } from "../../lib/run";

/** What one `aws` command returned. */
export interface AwsResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `aws <args>`; tests pass a fake. */
export type AwsRunner = (args: readonly string[]) => AwsResult;

/** The real AWS CLI, with the caller's credentials and profile; fails with one line when it is not installed. */
export function awsCli(): AwsRunner {
  requireTool("aws");
  return (args) => {
    const result = capture("aws", args, { timeoutMs: 120_000 });
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr || String(result.error ?? "") };
  };
}

/** Whether a failed command said that the thing it asked for does not exist. */
export function isNotFound(result: AwsResult): boolean {
  return result.status !== 0 && /ResourceNotFoundException|NoSuchKey|\(404\)|does not exist/.test(result.stderr);
}

/** Runs a command that must succeed, as `aws ... --output json`, and parses its answer. */
export function awsJson(aws: AwsRunner, args: readonly string[]): unknown {
  const result = aws([...args, "--output", "json"]);
  if (result.status !== 0) throw awsError(args, result);
  return result.stdout.trim() === "" ? {} : JSON.parse(result.stdout);
}

export function awsError(args: readonly string[], result: AwsResult): Error {
  const reason =
    result.stderr
      .trim()
      .split("\n")
      .find((line) => line.trim() !== "") ?? `exit ${result.status}`;
  return new Error(`aws ${args.slice(0, 2).join(" ")} failed: ${reason}`);
}
