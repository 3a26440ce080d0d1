import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseManifests, renderOverlay, renderOverlayAsync } from "../../kubernetes/render-overlay";
import { objectId } from "../../kubernetes/kubernetes-object";
import { renderedPoc } from "../helpers/rendered";

describe("renderOverlay", () => {
  it("renders the poc overlay into objects, namespace first", () => {
    const objects = renderedPoc();
    expect(objects[0]).toMatchObject({ kind: "Namespace", metadata: { name: "haproxy-poc" } });
    expect(objects.map(objectId)).toEqual(expect.arrayContaining(["daemonset-prd-haproxy", "service-prd-haproxy", "deployment-prd-nginx"]));
  });

  it("names an overlay that does not exist", () => {
    expect(() => renderOverlay("staging")).toThrow(/^overlay staging: .*kustomize\/overlays\/staging\/kustomization\.yaml not found$/);
  });

  it("passes kustomize's own error on", () => {
    const dir = mkdtempSync(join(tmpdir(), "overlays-"));
    mkdirSync(join(dir, "broken"));
    writeFileSync(join(dir, "broken", "kustomization.yaml"), "resources:\n  - missing.yaml\n");
    expect(() => renderOverlay("broken", dir)).toThrow(/^kubectl kustomize .*broken failed: .*missing\.yaml/);
    // kubectl's own line, without the newline it ends with.
    expect(() => renderOverlay("broken", dir)).toThrow(/\S$/);
  });
});

describe("renderOverlayAsync", () => {
  it("renders what renderOverlay renders", async () => {
    expect(await renderOverlayAsync("poc")).toEqual(renderedPoc());
  });

  it("names an overlay that does not exist, and passes kustomize's own error on", async () => {
    await expect(renderOverlayAsync("staging")).rejects.toThrow(/^overlay staging: .*kustomization\.yaml not found$/);
    const dir = mkdtempSync(join(tmpdir(), "overlays-"));
    mkdirSync(join(dir, "broken"));
    writeFileSync(join(dir, "broken", "kustomization.yaml"), "resources:\n  - missing.yaml\n");
    await expect(renderOverlayAsync("broken", dir)).rejects.toThrow(/^kubectl kustomize .*broken failed: .*missing\.yaml/);
  });

  it("parses what kubectl prints", async () => {
    const dir = mkdtempSync(join(tmpdir(), "overlays-"));
    mkdirSync(join(dir, "one"));
    writeFileSync(join(dir, "one", "kustomization.yaml"), "resources:\n  - cm.yaml\n");
    writeFileSync(join(dir, "one", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n");
    expect(await renderOverlayAsync("one", dir)).toEqual([
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "b" } },
    ]);
  });
});

describe("parseManifests", () => {
  it("skips empty documents", () => {
    expect(parseManifests("---\nkind: A\n---\n---\nkind: B\n")).toEqual([{ kind: "A" }, { kind: "B" }]);
  });

  it("fails on broken YAML", () => {
    expect(() => parseManifests("kind: [A\n")).toThrow();
  });
});
