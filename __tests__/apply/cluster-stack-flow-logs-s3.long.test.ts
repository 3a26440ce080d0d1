import { describeApplyCycle } from "../helpers/apply-cycle";
import { EXPLICIT_AZS } from "../helpers/settings";

/** The user's bucket, which the stack writes to and does not own: it exists before and after, as it would on AWS. */
async function createBucket(motoUrl: string): Promise<void> {
  const response = await fetch(`${motoUrl}/central-flow-logs`, {
    method: "PUT",
    headers: { Authorization: "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0" },
    signal: AbortSignal.timeout(180_000),
  });
  if (!response.ok) throw new Error(`creating the flow-log bucket in moto: ${response.status} ${await response.text()}`);
}

describeApplyCycle(
  "flow logs to an S3 bucket folder",
  { ...EXPLICIT_AZS, EKS_POC_FLOW_LOG_DESTINATION: "arn:aws:s3:::central-flow-logs/eks" },
  createBucket,
);
