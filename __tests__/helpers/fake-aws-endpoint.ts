import { spawn } from "node:child_process";
import { join } from "node:path";

/** A running fake of the AWS APIs the cluster stack reads at plan (see fake-aws-endpoint.cjs). */
export interface FakeAws {
  /** The endpoint URL, for the provider's `endpoints` (ec2, eks, iam, sts). */
  readonly url: string;
  stop(): void;
}

export interface FakeAccount {
  readonly region: string;
  /** This account's AZ names and their zone IDs. */
  readonly zones: Record<string, string>;
  /** The principal Terraform runs as. */
  readonly callerArn: string;
}

/** Starts the fake on a loopback port; fails within 10 seconds if it does not say which. */
export function startFakeAws(account: FakeAccount): Promise<FakeAws> {
  const child = spawn(process.execPath, [join(__dirname, "fake-aws-endpoint.cjs")], {
    env: {
      ...process.env,
      FAKE_AWS_REGION: account.region,
      FAKE_AWS_ZONES: JSON.stringify(account.zones),
      FAKE_AWS_CALLER: account.callerArn,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const stop = (): void => {
    child.stdin.end();
    child.kill();
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error("the fake AWS endpoint did not start within 10 s"));
    }, 10_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake AWS endpoint exited (${code})`));
    });
    child.stdout.once("data", (chunk: Buffer) => {
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${chunk.toString().trim()}`, stop });
    });
  });
}

/** us-east-1 as an account sees it where no explicit AZ lands in a zone EKS refuses... */
export const ORDINARY_ACCOUNT: FakeAccount = {
  region: "us-east-1",
  zones: {
    "us-east-1a": "use1-az1",
    "us-east-1b": "use1-az2",
    "us-east-1c": "use1-az4",
    "us-east-1d": "use1-az6",
    "us-east-1e": "use1-az3",
    "us-east-1f": "use1-az5",
  },
  callerArn: "arn:aws:iam::123456789012:user/deployer",
};

/** ...and where us-east-1c is use1-az3, which EKS refuses. */
export const ACCOUNT_WITH_REFUSED_C: FakeAccount = {
  ...ORDINARY_ACCOUNT,
  zones: {
    "us-east-1a": "use1-az1",
    "us-east-1b": "use1-az2",
    "us-east-1c": "use1-az3",
    "us-east-1d": "use1-az4",
    "us-east-1e": "use1-az5",
    "us-east-1f": "use1-az6",
  },
};

/** The ordinary account, where Terraform runs as a session of an assumed role (SSO, CI), not as an IAM user. */
export const ASSUMED_ROLE_ACCOUNT: FakeAccount = {
  ...ORDINARY_ACCOUNT,
  callerArn: "arn:aws:sts::123456789012:assumed-role/Role/session",
};
