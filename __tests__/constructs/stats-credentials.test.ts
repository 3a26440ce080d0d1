import { TerraformOutput } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Password } from "@cdktf/provider-random/lib/password";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import type { StatsCredentialsProps } from "../../constructs/stats-credentials";
import { StatsCredentials } from "../../constructs/stats-credentials";
import { only, ref, synthScope } from "../helpers/synth-scope";

function synthCredentials(props: Partial<StatsCredentialsProps> = {}) {
  return synthScope((scope) => {
    const provider = new KubernetesProvider(scope, "kubernetes", {});
    const namespace = new NamespaceV1(scope, "namespace", { metadata: { name: "apps" } });
    const credentials = new StatsCredentials(scope, "stats", {
      secretName: "stats-auth",
      usernameKey: "username",
      passwordKey: "password",
      namespace: "apps",
      provider,
      dependsOn: [namespace],
      ...props,
    });
    new TerraformOutput(scope, "username", { value: credentials.username });
    new TerraformOutput(scope, "password", { value: credentials.password, sensitive: true });
  });
}

describe("StatsCredentials with its required props", () => {
  it("makes a 24-character password of letters and digits, which a quoted HAProxy argument holds as it is", () => {
    expect(synthCredentials().json).toHaveResourceWithProperties(Password, { length: 24, special: false });
  });

  it("keeps user admin and the password in the named Secret, after the namespace", () => {
    const { json, tf } = synthCredentials();
    const [passwordId] = only(tf, "random_password");
    const [namespaceId] = only(tf, "kubernetes_namespace_v1");
    expect(json).toHaveResourceWithProperties(SecretV1, {
      metadata: { name: "stats-auth", namespace: "apps" },
      data: { username: "admin", password: ref("random_password", passwordId, "result") },
      depends_on: [`kubernetes_namespace_v1.${namespaceId}`],
    });
    expect(only(tf, "kubernetes_secret_v1")[1].provider).toBe("kubernetes");
    expect(tf.output.username.value).toBe("admin");
    expect(tf.output.password.value).toBe(ref("random_password", passwordId, "result"));
  });
});

describe("StatsCredentials with every prop set", () => {
  it("uses the given user name, and the keys the DaemonSet reads, in the Secret", () => {
    const { json, tf } = synthCredentials({
      username: "ops",
      secretName: "haproxy-stats",
      namespace: "edge",
      usernameKey: "user",
      passwordKey: "pass",
    });
    const [passwordId] = only(tf, "random_password");
    expect(json).toHaveResourceWithProperties(SecretV1, {
      metadata: { name: "haproxy-stats", namespace: "edge" },
      data: { user: "ops", pass: ref("random_password", passwordId, "result") },
    });
    expect(tf.output.username.value).toBe("ops");
  });
});
