import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ts from "typescript";
import { loadSettings } from "../../config/load-settings";
import { containerEnvironment } from "../../kubernetes/container-env";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { renderOverlay } from "../../kubernetes/render-overlay";
import { cacheDir, imageLine, runtimeBinary, versionLine } from "../../harness/pod-runtimes";
import { capture } from "../../lib/run";
import { readCdktfJson } from "./app-command";

/**
 * Checks the files the pods run, as the overlay renders them, before
 * Terraform deploys them: `haproxy -c` on haproxy.cfg with the HAProxy of the
 * pod's line (the installer's, or one on PATH of that line), and TypeScript's
 * parser on the metadata app's .mts files. Throws with the tool's own message
 * on a refusal; returns one line saying what was checked and what could not be.
 * `objects` and `env` are for tests: by default the overlay of today's settings.
 */
export function checkWorkloads(objects?: readonly KubernetesObject[], env: NodeJS.ProcessEnv = process.env): string {
  const rendered = objects ?? renderOverlay(loadSettings(readCdktfJson().context, env).overlay);
  const overlay = new RenderedOverlay(rendered);
  const haproxy = checkHaproxyConfig(overlay, env);
  const files = checkMetadataApp(overlay);
  return `${haproxy}; ${files}`;
}

function checkHaproxyConfig(overlay: RenderedOverlay, env: NodeJS.ProcessEnv): string {
  const { image, line } = imageLine(overlay.haproxyImage, "haproxy");
  const haproxy = haproxyOfLine(line, env);
  if (!haproxy) {
    return `haproxy.cfg not checked: no HAProxy ${line} (the pod's ${image}) on this machine; npm run install-test-tools installs one`;
  }
  const dir = mkdtempSync(join(tmpdir(), "workload-check-"));
  try {
    writeFileSync(join(dir, "haproxy.cfg"), overlay.haproxyCfg);
    // The variables the file expands, as the pod gets them; the stats credentials are stand-ins.
    const secret = overlay.statsSecret;
    const podEnv = containerEnvironment(overlay.daemonSet, "haproxy", {
      podName: "check",
      nodeName: "check",
      secrets: { [`${secret.name}/${secret.usernameKey}`]: "check", [`${secret.name}/${secret.passwordKey}`]: "check" },
    });
    // Run in the folder, so that HAProxy's messages say haproxy.cfg:<line> (lines as in manifests/haproxy/haproxy.cfg).
    const run = capture(haproxy.binary, ["-c", "-f", "haproxy.cfg"], { cwd: dir, env: { PATH: env.PATH, ...podEnv } });
    if (run.status !== 0) {
      const output = `${run.stdout}${run.stderr}`.trim() || run.error?.message;
      throw new Error(`haproxy.cfg refused by HAProxy ${haproxy.version} (${haproxy.binary} -c):\n${output}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return `haproxy.cfg accepted by HAProxy ${haproxy.version}`;
}

/** The installer's HAProxy of `line`, or the one on PATH if it is of that line: another line may read the file differently. */
function haproxyOfLine(line: string, env: NodeJS.ProcessEnv): { binary: string; version: string } | undefined {
  for (const binary of [runtimeBinary("haproxy", line, cacheDir(env)), "haproxy"]) {
    const run = capture(binary, ["-v"], { env: { PATH: env.PATH } });
    const version = /HA-?Proxy version (\S+)/.exec(run.stdout)?.[1];
    if (run.status === 0 && version && versionLine("haproxy", version) === line) return { binary, version };
  }
  return undefined;
}

/** TypeScript's parser on each .mts of the metadata-app ConfigMap (what the pod's Node runs, stripping the types). */
function checkMetadataApp(overlay: RenderedOverlay): string {
  const files = Object.entries(overlay.app.files).filter(([name]) => name.endsWith(".mts"));
  const diagnostics = files.flatMap(
    ([name, text]) =>
      ts.transpileModule(text, {
        fileName: `manifests/metadata-app/${name}`,
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022 },
      }).diagnostics ?? [],
  );
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => "", getNewLine: () => "\n" };
    throw new Error(`the metadata app does not parse (TypeScript ${ts.version}):\n${ts.formatDiagnostics(diagnostics, host).trim()}`);
  }
  return `metadata app parsed (${files.length} files, TypeScript ${ts.version})`;
}
