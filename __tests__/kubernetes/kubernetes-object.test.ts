import { findObject, statsSecretName } from "../../kubernetes/kubernetes-object";
import { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { renderedPoc } from "../helpers/rendered";

describe("statsSecretName", () => {
  it("reads the Secret the rendered HAProxy container takes its stats credentials from", () => {
    expect(statsSecretName(findObject(renderedPoc(), "DaemonSet", "haproxy"))).toBe("haproxy-stats-auth");
  });

  it("names a DaemonSet whose HAProxy reads no stats Secret", () => {
    const daemonSet: KubernetesObject = {
      apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "prd-haproxy" },
      spec: { template: { spec: { containers: [{ name: "haproxy", env: [{ name: "STATS_PASSWORD", value: "literal" }] }] } } },
    };
    expect(() => statsSecretName(daemonSet)).toThrow("DaemonSet prd-haproxy reads STATS_PASSWORD from no Secret");
  });
});
