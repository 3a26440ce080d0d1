import type { AwsResult, AwsRunner } from "../../scripts/lib/aws-cli";

/**
 * An account as far as the destroy and deploy scripts see it, answering the
 * AWS CLI commands they run the way the CLI does (exit codes, error lines).
 * `recreations` makes EKS re-create the control-plane log group that many
 * times after it is deleted, as it does with the last log streams.
 */
export class FakeAws {
  readonly clusters = new Set<string>();
  readonly logGroups = new Set<string>();
  readonly objects = new Map<string, string>();
  readonly calls: string[][] = [];
  recreations = 0;

  readonly run: AwsRunner = (args) => {
    this.calls.push([...args]);
    const opt = (name: string) => args[args.indexOf(name) + 1];
    const command = `${args[0]} ${args[1]}`;
    if (command === "eks describe-cluster") {
      return this.clusters.has(opt("--name"))
        ? ok(JSON.stringify({ cluster: { name: opt("--name"), status: "ACTIVE" } }))
        : fail(
            254,
            `An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: ${opt("--name")}.`,
          );
    }
    if (command === "logs describe-log-groups") {
      const groups = [...this.logGroups].filter((name) => name.startsWith(opt("--log-group-name-prefix")));
      return ok(JSON.stringify({ logGroups: groups.map((logGroupName) => ({ logGroupName, storedBytes: 0 })) }));
    }
    if (command === "logs delete-log-group") {
      const name = opt("--log-group-name");
      if (!this.logGroups.delete(name)) {
        return fail(
          254,
          "An error occurred (ResourceNotFoundException) when calling the DeleteLogGroup operation: The specified log group does not exist.",
        );
      }
      if (this.recreations > 0) {
        this.recreations -= 1;
        setImmediate(() => this.logGroups.add(name));
      }
      return ok("");
    }
    if (command === "s3 cp") {
      const url = args[2];
      const body = this.objects.get(url);
      return body === undefined
        ? fail(
            1,
            `fatal error: An error occurred (404) when calling the HeadObject operation: Key "${url.replace(/^s3:\/\/[^/]+\//, "")}" does not exist`,
          )
        : ok(body);
    }
    return fail(252, `fake aws: unexpected command ${args.join(" ")}`);
  };
}

function ok(stdout: string): AwsResult {
  return { status: 0, stdout, stderr: "" };
}

function fail(status: number, line: string): AwsResult {
  return { status, stdout: "", stderr: `\n${line}\n` };
}
