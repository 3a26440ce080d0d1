import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { PROJECT_ROOT } from "../lib/project-root";
import { requireTool } from "../lib/require-tool";
import { capture, captureAsync, type Finished } from "../lib/run";
import type { KubernetesObject } from "./kubernetes-object";

/** kustomize/overlays, where `overlay` settings point. */
export const OVERLAYS_DIR = join(PROJECT_ROOT, "kustomize", "overlays");

/** Renders `kustomize/overlays/<overlay>` with kubectl's built-in kustomize into objects. */
export function renderOverlay(overlay: string, overlaysDir: string = OVERLAYS_DIR): KubernetesObject[] {
  const dir = overlayDir(overlay, overlaysDir);
  return parseManifests(kustomized(dir, capture("kubectl", ["kustomize", dir])));
}

/** The same, without blocking: the app starts kubectl, then loads its modules while kubectl works. Rejects on failure. */
export async function renderOverlayAsync(overlay: string, overlaysDir: string = OVERLAYS_DIR): Promise<KubernetesObject[]> {
  const dir = overlayDir(overlay, overlaysDir);
  return parseManifests(kustomized(dir, await captureAsync("kubectl", ["kustomize", dir])));
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

/** kubectl's YAML, or its complaint (which names the file, e.g. a resource that is missing) with the overlay's folder. */
function kustomized(dir: string, result: Finished): string {
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${(result.stderr || String(result.error ?? "")).trim()}`);
  return result.stdout;
}
