import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { containerEnvironment } from "../../kubernetes/container-env";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { renderOverlay } from "../../kubernetes/render-overlay";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { run } from "../../lib/run";

let cached: KubernetesObject[] | undefined;

/** `kubectl kustomize kustomize/overlays/poc`, rendered once per test file. */
export function renderedPoc(): KubernetesObject[] {
  cached ??= renderOverlay("poc");
  return cached;
}

export const TEST_STATS_SECRET = { username: "stats-user", password: "s3cretPassw0rd" };

/** The HAProxy container's environment as a pod would get it, with test credentials. */
export function haproxyEnvironment(objects: KubernetesObject[]): Record<string, string> {
  const { daemonSet, statsSecret } = new RenderedOverlay(objects);
  return containerEnvironment(daemonSet, "haproxy", {
    podName: "haproxy-test",
    nodeName: "node-test",
    secrets: {
      [`${statsSecret.name}/${statsSecret.usernameKey}`]: TEST_STATS_SECRET.username,
      [`${statsSecret.name}/${statsSecret.passwordKey}`]: TEST_STATS_SECRET.password,
    },
  });
}

/**
 * Runs `haproxy -c -dW` (check, zero warnings) on the haproxy.cfg of the
 * rendered ConfigMap. HAProxy resolves its servers' cluster DNS names at start
 * (init-addr libc), as it can in a pod; here they are made resolvable the same
 * way, through an /etc/hosts bind-mounted in a private mount namespace
 * (`clusterNames: false` checks without them). `haproxy` is the binary that
 * checks (harness/pod-runtimes.ts: the pod's line, or Debian's). Returns what
 * HAProxy printed, on both streams (`-V`: 3.x says "valid" only when verbose);
 * a failed check throws with that output as the error's `stdout`.
 */
export function checkHaproxyConfig(
  objects: KubernetesObject[],
  config = new RenderedOverlay(objects).haproxyCfg,
  clusterNames = true,
  haproxy = "haproxy",
): string {
  const dir = mkdtempSync(join(tmpdir(), "haproxy-check-"));
  const env = haproxyEnvironment(objects);
  writeFileSync(join(dir, "haproxy.cfg"), config);
  writeFileSync(join(dir, "hosts"), `127.0.0.1 localhost ${env.NGINX_ADDRESS} ${env.EXTERNAL_ADDRESS}\n`);
  const check = `"${haproxy}" -c -V -dW -f ${dir}/haproxy.cfg 2>&1`;
  const script = clusterNames ? `mount --bind ${dir}/hosts /etc/hosts && exec ${check}` : `exec ${check}`;
  return run("unshare", ["--mount", "--propagation", "private", "sh", "-c", script], { env: { ...process.env, ...env } });
}
