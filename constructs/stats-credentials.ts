import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import type { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Password } from "@cdktf/provider-random/lib/password";

export interface StatsCredentialsProps {
  /** Secret name the HAProxy DaemonSet reads. */
  readonly secretName: string;
  /** The Secret's key the DaemonSet reads the user name from (its `secretKeyRef.key`). */
  readonly usernameKey: string;
  /** The Secret's key the DaemonSet reads the password from. */
  readonly passwordKey: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Stats page user name. @default "admin" */
  readonly username?: string;
  /** The kubernetes provider. */
  readonly provider: KubernetesProvider;
  /** The namespace's manifest, which must exist first. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The HAProxy stats page's credentials: a random password made at deploy, kept
 * in Terraform state and a Kubernetes Secret, never in git.
 */
export class StatsCredentials extends Construct {
  readonly username: string;
  readonly password: string;
  readonly secret: SecretV1;

  constructor(scope: Construct, id: string, props: StatsCredentialsProps) {
    super(scope, id);
    // Letters and digits only: the password sits inside a quoted HAProxy "user:password" argument.
    const password = new Password(this, "password", { length: 24, special: false });
    this.username = props.username ?? "admin";
    this.password = password.result;
    this.secret = new SecretV1(this, "secret", {
      provider: props.provider,
      metadata: { name: props.secretName, namespace: props.namespace },
      data: { [props.usernameKey]: this.username, [props.passwordKey]: password.result },
      dependsOn: props.dependsOn,
    });
  }
}
