import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { PROJECT_ROOT } from "../lib/project-root";
import { requireTool } from "../lib/require-tool";
import type { KubernetesObject } from "./kubernetes-object";

/** kubectl's output as text, up to 64 MiB (a rendered overlay is tens of kilobytes). */
const KUBECTL_OPTIONS = { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 } as const;

/** kustomize/overlays, where `overlay` settings point. */
export const OVERLAYS_DIR = join(PROJECT_ROOT, "kustomize", "overlays");

/** Renders `kustomize/overlays/<overlay>` with kubectl's built-in kustomize into objects. */
export function renderOverlay(overlay: string, overlaysDir: string = OVERLAYS_DIR): KubernetesObject[] {
  const dir = overlayDir(overlay, overlaysDir);
  const result = spawnSync("kubectl", ["kustomize", dir], KUBECTL_OPTIONS);
  if (result.status !== 0) throw kustomizeFailed(dir, result.stderr);
  return parseManifests(result.stdout);
}

/** The same, without blocking: the app starts kubectl, then loads its modules while kubectl works. Rejects on failure. */
export async function renderOverlayAsync(overlay: string, overlaysDir: string = OVERLAYS_DIR): Promise<KubernetesObject[]> {
  const dir = overlayDir(overlay, overlaysDir);
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile("kubectl", ["kustomize", dir], KUBECTL_OPTIONS, (error, out, stderr) =>
      error ? reject(kustomizeFailed(dir, stderr)) : resolve(out),
    ),
  );
  return parseManifests(stdout);
}

/** Splits multi-document YAML into objects, failing on the first syntax error. */
export function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    const object = document.toJS() as KubernetesObject | null;
    return object ? [object] : [];
  });
}

function overlayDir(overlay: string, overlaysDir: string): string {
  const dir = join(overlaysDir, overlay);
  if (!existsSync(join(dir, "kustomization.yaml"))) {
    throw new Error(`overlay ${overlay}: ${dir}/kustomization.yaml not found`);
  }
  requireTool("kubectl");
  return dir;
}

function kustomizeFailed(dir: string, stderr: string): Error {
  return new Error(`kubectl kustomize ${dir} failed: ${stderr.trim()}`);
}
