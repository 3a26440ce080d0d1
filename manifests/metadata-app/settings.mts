import type { MetadataServerOptions } from "./server.mts";

/** Where the app listens and what it reads: the server's options plus its address. */
export interface AppSettings extends MetadataServerOptions {
  readonly port: number;
  readonly host: string;
}

/**
 * The settings from the environment the DaemonSet gives (manifests/haproxy-daemonset.yaml). The defaults are the
 * pod's: HAProxy beside the app reaches it over loopback, but the kubelet's probes come to the pod's IP, so the app
 * listens on every address unless HOST says otherwise. 169.254.169.254 is IMDS's IPv4 address on every EC2 instance
 * (EC2 user guide, instancedata-data-retrieval.html).
 */
export function appSettings(env: Readonly<Record<string, string | undefined>>): AppSettings {
  return {
    port: Number(env.PORT ?? "8081"),
    host: env.HOST ?? "0.0.0.0",
    imdsEndpoint: env.IMDS_ENDPOINT ?? "http://169.254.169.254",
    imdsTimeoutMs: Number(env.IMDS_TIMEOUT_MS ?? "1000"),
    podName: env.POD_NAME,
    nodeName: env.NODE_NAME,
  };
}
