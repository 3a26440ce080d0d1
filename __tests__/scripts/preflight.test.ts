import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CallerIdentity, PreflightLookups } from "../../scripts/lib/preflight";
import { awsCallerIdentity, preflight, requirePreflight } from "../../scripts/lib/preflight";

function lookups(
  missing: string[],
  identity: CallerIdentity = { arn: "arn:aws:iam::111122223333:user/dev" },
): PreflightLookups & { stsCalls: number } {
  const result = {
    stsCalls: 0,
    hasTool: (tool: string) => !missing.includes(tool),
    callerIdentity: () => {
      result.stsCalls++;
      return identity;
    },
  };
  return result;
}

describe("preflight", () => {
  it("passes with every tool and working credentials, and names the identity", () => {
    expect(preflight("deploy", lookups([]))).toEqual({ problems: [], identity: "arn:aws:iam::111122223333:user/dev" });
  });

  it.each(["deploy", "destroy", "plan"] as const)("%s: one line per missing tool, saying what to install", (command) => {
    const { problems } = preflight(command, lookups(["terraform", "kubectl"]));
    expect(problems).toEqual([
      expect.stringMatching(/^terraform not found on PATH: install Terraform >= 1\.11 \(https:/),
      expect.stringMatching(/^kubectl not found on PATH: install kubectl >= 1\.27/),
    ]);
  });

  it("without the AWS CLI, says so and does not try the credentials", () => {
    const machine = lookups(["aws"]);
    expect(preflight("deploy", machine).problems).toEqual([
      expect.stringMatching(/^aws not found on PATH: install the AWS CLI v2 \(https:/),
    ]);
    expect(machine.stsCalls).toBe(0);
  });

  it("reports credentials that do not work in one line, with the CLI's reason and what to do", () => {
    const machine = lookups(["kubectl"], {
      error: 'Unable to locate credentials. You can configure credentials by running "aws configure".',
    });
    const { problems, identity } = preflight("deploy", machine);
    expect(identity).toBeUndefined();
    expect(problems).toHaveLength(2);
    expect(problems[1]).toBe(
      "no usable AWS credentials (aws sts get-caller-identity: Unable to locate credentials. " +
        'You can configure credentials by running "aws configure".): run `aws configure` or `aws sso login`, or set AWS_PROFILE',
    );
    expect(problems.every((p) => !p.includes("\n"))).toBe(true);
  });
});

describe("requirePreflight", () => {
  it("returns the identity when everything is there", () => {
    expect(requirePreflight("destroy", lookups([]))).toBe("arn:aws:iam::111122223333:user/dev");
  });

  it("stops with every problem, one line each, prefixed for the script after the first", () => {
    expect(() => requirePreflight("destroy", lookups(["terraform", "kubectl"]))).toThrow(
      /^terraform not found on PATH: [^\n]+\ndestroy: kubectl not found on PATH: [^\n]+$/,
    );
  });
});

describe("awsCallerIdentity", () => {
  /** An environment whose PATH finds a fake `aws` running `script`. */
  function fakeAws(script: string): NodeJS.ProcessEnv {
    const bin = mkdtempSync(join(tmpdir(), "fake-aws-"));
    writeFileSync(join(bin, "aws"), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, "aws"), 0o755);
    return { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  }

  it("reads the ARN the CLI answers", () => {
    const env = fakeAws(`echo '{"UserId":"X","Account":"111122223333","Arn":"arn:aws:sts::111122223333:assumed-role/dev/me"}'`);
    expect(awsCallerIdentity(env)).toEqual({ arn: "arn:aws:sts::111122223333:assumed-role/dev/me" });
  });

  it("keeps the first line of the CLI's complaint", () => {
    const env = fakeAws(
      `echo; echo 'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: expired' >&2; echo more >&2; exit 254`,
    );
    expect(awsCallerIdentity(env)).toEqual({
      error: "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: expired",
    });
  });
});
