import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "yaml";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { OVERLAYS_DIR, parseManifests, renderOverlay } from "../../kubernetes/render-overlay";
import { renderedPoc } from "../helpers/rendered";
import { PROJECT_ROOT } from "../../lib/project-root";

const BASE_DIR = join(PROJECT_ROOT, "kustomize", "base");
const POC_DIR = join(OVERLAYS_DIR, "poc");
const kustomization = (dir: string) => parse(readFileSync(join(dir, "kustomization.yaml"), "utf8"));

/** Every container's image, by object and container name. */
function images(objects: KubernetesObject[]): Record<string, string> {
  return Object.fromEntries(
    objects.flatMap((o) => {
      const spec = o.spec?.template?.spec ?? {};
      return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c: { name: string; image: string }) => [
        `${o.kind}/${o.metadata.name.replace(/^prd-/, "")}/${c.name}`,
        c.image,
      ]);
    }),
  );
}

/** Lists of named items (env, ports, volumes) compared as sets: a patch that only reorders one changes nothing. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    const named = items.every((i) => typeof i === "object" && i !== null && typeof (i as { name?: unknown }).name === "string");
    return named ? [...items].sort((a, b) => String((a as { name: string }).name).localeCompare((b as { name: string }).name)) : items;
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** The poc overlay rendered from a copy whose kustomization lost one patch. */
function renderWithout(patch: string): KubernetesObject[] {
  const dir = mkdtempSync(join(tmpdir(), "overlay-"));
  try {
    cpSync(POC_DIR, join(dir, "poc"), { recursive: true });
    const k = kustomization(POC_DIR);
    // kustomize refuses an absolute path to a base; a relative one from the copy reaches it.
    k.resources = k.resources.map((r: string) => (r === "../../base" ? relative(join(dir, "poc"), BASE_DIR) : r));
    k.patches = k.patches.filter((p: { path?: string }) => p.path !== patch);
    writeFileSync(join(dir, "poc", "kustomization.yaml"), JSON.stringify(k));
    return renderOverlay("poc", dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the images are pinned in one place, manifests/", () => {
  const pinned = images(
    readdirSync(join(PROJECT_ROOT, "manifests"))
      .filter((f) => f.endsWith(".yaml"))
      .flatMap((f) => parseManifests(readFileSync(join(PROJECT_ROOT, "manifests", f), "utf8"))),
  );

  it("pins every container of manifests/ to a version tag, never latest", () => {
    expect(Object.keys(pinned).sort()).toEqual(["DaemonSet/haproxy/haproxy", "DaemonSet/haproxy/metadata", "Deployment/nginx/nginx"]);
    for (const image of Object.values(pinned)) {
      expect(image).toMatch(/:[0-9][\w.-]*$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it("has no images: in the base or the poc overlay, so an edit of manifests/ is what deploys", () => {
    expect(kustomization(BASE_DIR).images).toBeUndefined();
    expect(kustomization(POC_DIR).images).toBeUndefined();
    expect(images(renderedPoc())).toEqual(pinned);
  });
});

describe("every patch of the poc overlay changes something", () => {
  const patches: string[] = (kustomization(POC_DIR).patches ?? []).map((p: { path: string }) => p.path);

  it.each(patches)("%s", (patch) => {
    expect(canonical(renderWithout(patch))).not.toEqual(canonical(renderedPoc()));
  });
});
