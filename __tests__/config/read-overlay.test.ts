import { ConfigError } from "../../config/config-error";
import { readOverlay } from "../../config/read-overlay";

describe("readOverlay", () => {
  it("takes EKS_POC_OVERLAY, then cdktf.json's context, then the default", () => {
    expect(readOverlay({ overlay: "poc" }, { EKS_POC_OVERLAY: "dev" })).toBe("dev");
    expect(readOverlay({ overlay: "dev" }, {})).toBe("dev");
    expect(readOverlay({}, {})).toBe("poc");
    expect(readOverlay({ overlay: "dev" }, { EKS_POC_OVERLAY: "" })).toBe("poc");
  });

  it("ignores the other settings, even ones a synth would refuse, and unknown variables", () => {
    expect(readOverlay({ kubernetesVersion: "1.20", azCount: "many" }, { EKS_POC_NODE_MIN_SIZE: "-1", EKS_POC_NO_SUCH: "x" })).toBe("poc");
  });

  it.each([
    [
      { overlay: "../etc" },
      {},
      'overlay = "../etc" (from cdktf.json context): allowed: the name of a folder in kustomize/overlays, such as poc',
    ],
    [
      {},
      { EKS_POC_OVERLAY: "Dev" },
      'overlay = "Dev" (from EKS_POC_OVERLAY): allowed: the name of a folder in kustomize/overlays, such as poc',
    ],
    [{ overlay: 3 }, {}, 'overlay = 3 (from cdktf.json context): must be a string, in quotes: "3"'],
  ])("refuses %j %j in one line naming value and source", (context, env, line) => {
    expect(() => readOverlay(context, env)).toThrow(new ConfigError([line]));
  });
});
