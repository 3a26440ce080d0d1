import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import type { Runtime } from "../../harness/pod-runtimes";
import { debianHaproxy, podRuntime } from "../../harness/pod-runtimes";
import { run } from "../../lib/run";
import { renderedPoc } from "./rendered";

/** The pod's HAProxy line (what the harness runs) and Debian's (a second opinion), labelled for test titles. */
export function haproxyLines(): Array<[string, Runtime]> {
  const pods = podRuntime(new RenderedOverlay(renderedPoc()).haproxyImage, "haproxy");
  const debian = debianHaproxy();
  return [
    [`${pods.version}, the pod's line`, pods],
    [`${debian.version}, Debian's`, debian],
  ];
}

/** `haproxy -c -V -dW` of a configuration text: its output, or a throw with HAProxy's complaint. 3.2 says "valid" only with -V. */
export function checkHaproxyText(haproxy: Runtime, config: string): string {
  const dir = mkdtempSync(join(tmpdir(), "haproxy-cfg-"));
  try {
    writeFileSync(join(dir, "haproxy.cfg"), config);
    return run(haproxy.binary, ["-c", "-V", "-dW", "-f", join(dir, "haproxy.cfg")]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
