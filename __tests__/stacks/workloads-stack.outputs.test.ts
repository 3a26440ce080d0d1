// What the workloads stack hands on: its outputs and how its providers reach the cluster. Beside
// workloads-stack.test.ts, as cluster-stack.plan.test.ts is beside cluster-stack.test.ts.
import { synthWorkloads } from "../helpers/synth-workloads";

describe("WorkloadsStack's outputs and providers", () => {
  it("gets a token from the AWS CLI for the cluster it is given, in its region, as JSON", () => {
    const { tf } = synthWorkloads({ EKS_POC_REGION: "eu-west-1" });
    const [kubectl] = tf.provider.kubectl;
    expect(kubectl.exec.args).toEqual([
      "eks",
      "get-token",
      "--cluster-name",
      expect.stringMatching(/^\$\{.*\}$/),
      "--region",
      "eu-west-1",
      "--output",
      "json",
    ]);
    expect(tf.provider.kubernetes[0].exec[0].args).toEqual(kubectl.exec.args);
  });

  it("outputs the load balancer's host name, and URLs without :80 for the http port", () => {
    const { tf } = synthWorkloads();
    expect(tf.output.load_balancer_hostname.value).toMatch(
      /^\$\{data\.kubernetes_service_v1\..*\.status\[0\]\.load_balancer\[0\]\.ingress\[0\]\.hostname\}$/,
    );
    expect(tf.output.http_url.value).toBe(`http://${tf.output.load_balancer_hostname.value}/`);
    expect(tf.output.metadata_url.value).toBe(`http://${tf.output.load_balancer_hostname.value}:5000/`);
  });
});
