import type { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { renderedPoc } from "../helpers/rendered";

/** The kubernetes-models class for an object's apiVersion and kind (its OpenAPI schema travels with it). */
function modelOf(object: KubernetesObject): new (data: unknown) => { validate(): void } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the model's module is chosen by apiVersion and kind at run time, synchronously
  return require(`kubernetes-models/${object.apiVersion}/${object.kind}`)[object.kind];
}

describe("the rendered poc overlay against the Kubernetes OpenAPI schemas", () => {
  const objects = renderedPoc();

  it.each(objects.map((o) => [`${o.kind} ${o.metadata.name}`, o] as const))("%s is valid", (_, object) => {
    expect(() => new (modelOf(object))(object).validate()).not.toThrow();
  });

  it("would catch a wrongly typed field", () => {
    const broken = structuredClone(new RenderedOverlay(objects).daemonSet);
    broken.spec.template.spec.containers[0].ports[0].containerPort = "eighty";
    expect(() => new (modelOf(broken))(broken).validate()).toThrow(/containerPort/);
  });
});
