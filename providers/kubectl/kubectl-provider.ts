import type { Construct } from "constructs";
import { TerraformProvider, Token } from "cdktf";
import { KUBECTL_PROVIDER, refuseHcl } from "./schema-source";

/** The provider's `exec` block: a client-go credential plugin such as `aws eks get-token`. */
export interface KubectlProviderExec {
  /** ExecCredential API version, e.g. client.authentication.k8s.io/v1beta1. */
  readonly apiVersion: string;
  /** Command to run. */
  readonly command: string;
  /** Its arguments. @default [] */
  readonly args?: string[];
  /** Extra environment variables. @default {} */
  readonly env?: Record<string, string>;
}

export interface KubectlProviderConfig {
  /** Kubernetes API URL. */
  readonly host?: string;
  /** PEM-encoded cluster CA bundle. */
  readonly clusterCaCertificate?: string;
  /** Bearer token; prefer `exec`, which never lands in state. */
  readonly token?: string;
  /** Credential plugin. */
  readonly exec?: KubectlProviderExec;
  /** Read the local kubeconfig. @default true (set false so only this block counts) */
  readonly loadConfigFile?: boolean;
  /** Retries after a failed apply (0 disables them). @default 1 */
  readonly applyRetryCount?: number;
  /** Build the client on first use, so plan works before the cluster exists. @default false */
  readonly lazyLoad?: boolean;
  /** Provider alias. */
  readonly alias?: string;
}

/** provider "kubectl" of alekc/kubectl. */
export class KubectlProvider extends TerraformProvider {
  private readonly config: KubectlProviderConfig;

  constructor(scope: Construct, id: string, config: KubectlProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: "kubectl",
      terraformGeneratorMetadata: { providerName: "kubectl", providerVersionConstraint: KUBECTL_PROVIDER.versionConstraint },
      terraformProviderSource: KUBECTL_PROVIDER.source,
    });
    this.config = config;
    this.alias = config.alias;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const { exec } = this.config;
    return {
      host: this.config.host,
      cluster_ca_certificate: this.config.clusterCaCertificate,
      token: this.config.token,
      load_config_file: this.config.loadConfigFile,
      apply_retry_count: this.config.applyRetryCount,
      lazy_load: this.config.lazyLoad,
      // cdktf snake-cases provider keys; a token keeps the user's environment variable names as written.
      exec: exec && { api_version: exec.apiVersion, command: exec.command, args: exec.args, env: exec.env && Token.asAny(exec.env) },
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return refuseHcl("provider kubectl");
  }
}
