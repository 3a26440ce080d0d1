import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { checkWorkloads } from "../../scripts/lib/workload-check";
import { renderedPoc } from "../helpers/rendered";

/** The rendered overlay with one file of a generated ConfigMap replaced. */
function withFile(configMap: string, file: string, edit: (text: string) => string): KubernetesObject[] {
  return renderedPoc().map((o) =>
    o.kind === "ConfigMap" && o.metadata.name.includes(configMap) && o.data?.[file] !== undefined
      ? { ...o, data: { ...o.data, [file]: edit(o.data[file]) } }
      : o,
  );
}

describe("checkWorkloads, before deploy and plan", () => {
  it("accepts the shipped overlay with the pod's HAProxy line and TypeScript's parser", () => {
    const appFiles = Object.keys(new RenderedOverlay(renderedPoc()).app.files).filter((name) => name.endsWith(".mts")).length;
    expect(checkWorkloads(renderedPoc())).toMatch(
      new RegExp(`^haproxy\\.cfg accepted by HAProxy 3\\.2\\.\\S+; metadata app parsed \\(${appFiles} files, TypeScript \\S+\\)$`),
    );
  });

  it("stops on a haproxy.cfg HAProxy refuses, with HAProxy's own message", () => {
    let line = 0;
    const broken = withFile("haproxy-config", "haproxy.cfg", (cfg) => {
      line = cfg.split("\n").indexOf("    retries 3") + 1;
      return cfg.replace("    retries 3\n", "    retriez 3\n");
    });
    expect(line).toBeGreaterThan(0);
    expect(() => checkWorkloads(broken)).toThrow(
      new RegExp(
        `^haproxy\\.cfg refused by HAProxy 3\\.2\\.\\S+ \\(\\S+ -c\\):\\n[^]*parsing \\[haproxy\\.cfg:${line}\\] : unknown keyword 'retriez'`,
      ),
    );
  });

  it("stops on a metadata app that does not parse, with TypeScript's message", () => {
    const broken = withFile("metadata-app", "render.mts", (text) => `${text}\nconst broken: number = ;\n`);
    expect(() => checkWorkloads(broken)).toThrow(
      /^the metadata app does not parse \(TypeScript \S+\):\nmanifests\/metadata-app\/render\.mts\(\d+,\d+\): error TS1109: Expression expected\.$/,
    );
  });

  it("says haproxy.cfg was not checked when no HAProxy of the pod's line is on the machine", () => {
    const empty = mkdtempSync(join(tmpdir(), "no-haproxy-"));
    try {
      expect(checkWorkloads(renderedPoc(), { PATH: empty, XDG_CACHE_HOME: empty })).toMatch(
        /^haproxy\.cfg not checked: no HAProxy 3\.2 \(the pod's haproxy:3\.2-alpine\) on this machine; npm run install-test-tools installs one; metadata app parsed/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
