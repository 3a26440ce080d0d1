import { join } from "node:path";
import { start } from "../../lib/run";

/** A running fake of the AWS APIs the cluster stack reads at plan (see fake-aws-endpoint.cjs). */
export interface FakeAws {
  /** The endpoint URL, for the provider's `endpoints` (ec2, eks, iam, sts). */
  readonly url: string;
  stop(): void;
}

/** One Kubernetes version as EKS DescribeClusterVersions describes it. */
export interface FakeEksVersion {
  readonly version: string;
  readonly status: "STANDARD_SUPPORT" | "EXTENDED_SUPPORT" | "UNSUPPORTED";
  readonly released: string;
  readonly endOfStandardSupport: string;
  readonly endOfExtendedSupport: string;
}

/** What EC2 DescribeInstanceTypes says of one type's processor and network. */
export interface FakeInstanceType {
  readonly architectures: readonly string[];
  readonly enis: number;
  readonly ipv4PerEni: number;
}

export interface FakeAccount {
  readonly region: string;
  /** This account's AZ names and their zone IDs. */
  readonly zones: Record<string, string>;
  /** The principal Terraform runs as. */
  readonly callerArn: string;
  /** The versions EKS offers in the region. */
  readonly eksVersions: readonly FakeEksVersion[];
  /** The instance types EC2 offers in the region. */
  readonly instanceTypes: Readonly<Record<string, FakeInstanceType>>;
}

/** Starts the fake on a loopback port; fails within 10 seconds if it does not say which. */
export function startFakeAws(account: FakeAccount): Promise<FakeAws> {
  const child = start(process.execPath, [join(__dirname, "fake-aws-endpoint.cjs")], {
    env: {
      ...process.env,
      FAKE_AWS_REGION: account.region,
      FAKE_AWS_ZONES: JSON.stringify(account.zones),
      FAKE_AWS_CALLER: account.callerArn,
      FAKE_AWS_EKS_VERSIONS: JSON.stringify(account.eksVersions),
      FAKE_AWS_INSTANCE_TYPES: JSON.stringify(account.instanceTypes),
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
  // As EKS would answer on the tests' TODAY (2026-11-24; a test holds these equal to config/aws/eks-versions.ts), with 1.37
  // newer than that calendar.
  eksVersions: [
    {
      version: "1.30",
      status: "UNSUPPORTED",
      released: "2024-05-23",
      endOfStandardSupport: "2025-07-23",
      endOfExtendedSupport: "2026-07-23",
    },
    {
      version: "1.31",
      status: "EXTENDED_SUPPORT",
      released: "2024-09-26",
      endOfStandardSupport: "2025-11-26",
      endOfExtendedSupport: "2026-11-26",
    },
    {
      version: "1.32",
      status: "EXTENDED_SUPPORT",
      released: "2025-01-23",
      endOfStandardSupport: "2026-03-23",
      endOfExtendedSupport: "2027-03-23",
    },
    {
      version: "1.33",
      status: "EXTENDED_SUPPORT",
      released: "2025-05-29",
      endOfStandardSupport: "2026-07-29",
      endOfExtendedSupport: "2027-07-29",
    },
    {
      version: "1.34",
      status: "STANDARD_SUPPORT",
      released: "2025-10-02",
      endOfStandardSupport: "2026-12-02",
      endOfExtendedSupport: "2027-12-02",
    },
    {
      version: "1.35",
      status: "STANDARD_SUPPORT",
      released: "2026-01-27",
      endOfStandardSupport: "2027-03-27",
      endOfExtendedSupport: "2028-03-27",
    },
    {
      version: "1.36",
      status: "STANDARD_SUPPORT",
      released: "2026-06-02",
      endOfStandardSupport: "2027-08-02",
      endOfExtendedSupport: "2028-08-02",
    },
    {
      version: "1.37",
      status: "STANDARD_SUPPORT",
      released: "2026-10-20",
      endOfStandardSupport: "2027-12-20",
      endOfExtendedSupport: "2028-12-20",
    },
  ],
  // EC2's figures; t2.micro and a1.large are not in config/aws/instance-network-limits.ts, the others match it.
  instanceTypes: {
    "t3.medium": { architectures: ["x86_64"], enis: 3, ipv4PerEni: 6 },
    "t3.large": { architectures: ["x86_64"], enis: 3, ipv4PerEni: 12 },
    "t3a.micro": { architectures: ["x86_64"], enis: 2, ipv4PerEni: 2 },
    "t2.micro": { architectures: ["i386", "x86_64"], enis: 2, ipv4PerEni: 2 },
    "m7g.large": { architectures: ["arm64"], enis: 3, ipv4PerEni: 10 },
    "a1.large": { architectures: ["arm64"], enis: 3, ipv4PerEni: 10 },
  },
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
