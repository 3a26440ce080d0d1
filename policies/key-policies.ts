// KMS key policies of the keys this project creates, built from the account's
// partition and ID (AwsAccount) so no ARN is a literal.

/** What a key policy needs to know about the account. */
export interface KeyPolicyAccount {
  readonly rootArn: string;
  readonly region: string;
  readonly dnsSuffix: string;
}

/**
 * The account keeps administration of the key, and IAM policies decide who in
 * the account may use it. Without this statement no IAM policy can grant the key,
 * and once its creator is gone the key cannot be managed at all (KMS Developer
 * Guide, "Default key policy": "Allows access to the AWS account and enables IAM policies").
 */
function accountAdministers(account: KeyPolicyAccount) {
  return {
    Sid: "Enable IAM User Permissions",
    Effect: "Allow",
    Principal: { AWS: account.rootArn },
    Action: "kms:*",
    Resource: "*",
  };
}

/**
 * The Secrets key: only the account statement. EKS uses the key as the cluster
 * role, whose inline policy (eks-secrets-encryption.json) grants it this key's
 * four actions and nothing else.
 */
export function secretsKeyPolicy(account: KeyPolicyAccount) {
  return { Version: "2012-10-17", Statement: [accountAdministers(account)] };
}

/**
 * The log key: CloudWatch Logs of this region may use it only to encrypt and
 * decrypt the named log groups: the encryption context CloudWatch Logs sends
 * names the log group's ARN (CloudWatch Logs User Guide, "Encrypt log data in
 * CloudWatch Logs using AWS Key Management Service").
 */
export function logsKeyPolicy(account: KeyPolicyAccount, logGroupArns: readonly string[]) {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministers(account),
      {
        Sid: "CloudWatchLogsForTheseLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${account.region}.${account.dnsSuffix}` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [...logGroupArns] } },
      },
    ],
  };
}
