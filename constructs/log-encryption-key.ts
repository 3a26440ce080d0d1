import { Construct } from "constructs";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { logsKeyPolicy } from "../policies/key-policies";
import type { AwsAccount } from "./aws-account";

export interface LogEncryptionKeyProps {
  /** Cluster name, for the key's description. */
  readonly clusterName: string;
  /** The account the log groups live in. */
  readonly account: AwsAccount;
  /** Names of the log groups CloudWatch Logs may encrypt with the key; no other group can use it. */
  readonly logGroupNames: readonly string[];
}

/**
 * One rotating KMS key for the project's log groups. The control-plane log
 * (which holds the audit log) and the flow logs are read by the same people and
 * kept as long, so one key serves both; the key policy still names each group's
 * ARN, and a second key would cost another $1 a month for no narrower access.
 */
export class LogEncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: LogEncryptionKeyProps) {
    super(scope, id);
    const arns = props.logGroupNames.map((name) => props.account.logGroupArn(name));
    this.key = new KmsKey(this, "key", {
      description: `Encryption of the CloudWatch log groups of EKS cluster ${props.clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 7,
      policy: JSON.stringify(logsKeyPolicy(props.account, arns)),
    });
  }
}
