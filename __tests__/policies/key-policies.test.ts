import { logsKeyPolicy, secretsKeyPolicy } from "../../policies/key-policies";
import { flowLogsDeliveryPolicy, flowLogsTrustPolicy } from "../../policies/flow-logs-role";

const CHINA = {
  rootArn: "arn:aws-cn:iam::123456789012:root",
  region: "cn-north-1",
  dnsSuffix: "amazonaws.com.cn",
  partition: "aws-cn",
  accountId: "123456789012",
};

describe("key policies", () => {
  it("name the region's CloudWatch Logs principal with the partition's DNS suffix, and only the given groups", () => {
    const group = "arn:aws-cn:logs:cn-north-1:123456789012:log-group:/aws/eks/demo/cluster";
    const [admin, logs]: any[] = logsKeyPolicy(CHINA, [group]).Statement;
    expect(admin).toMatchObject({ Principal: { AWS: "arn:aws-cn:iam::123456789012:root" }, Action: "kms:*" });
    expect(logs.Principal).toEqual({ Service: "logs.cn-north-1.amazonaws.com.cn" });
    expect(logs.Condition).toEqual({ ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [group] } });
  });

  it("give no principal but the account's root a statement in the Secrets key", () => {
    expect(secretsKeyPolicy(CHINA).Statement.map((st) => st.Principal)).toEqual([{ AWS: "arn:aws-cn:iam::123456789012:root" }]);
  });
});

describe("the flow-log role's policies", () => {
  it("build every ARN from the account's partition, region and ID", () => {
    expect(flowLogsTrustPolicy(CHINA).Statement[0].Condition.ArnLike["aws:SourceArn"]).toBe(
      "arn:aws-cn:ec2:cn-north-1:123456789012:vpc-flow-log/*",
    );
    const group = "arn:aws-cn:logs:cn-north-1:123456789012:log-group:/aws/vpc-flow-log/demo";
    expect(flowLogsDeliveryPolicy(CHINA, group).Statement.map((st) => st.Resource)).toEqual([
      [group, `${group}:*`],
      "arn:aws-cn:logs:cn-north-1:123456789012:log-group:*",
    ]);
  });
});
