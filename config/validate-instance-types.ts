import type { SettingName } from "./settings-spec";
import { EKS_AMI_TYPES, isEksAmiType } from "./ami-types";
import { amiArchitecture, instanceArchitecture } from "./instance-types";
import { Problems } from "./parse-values";
import { RawSetting } from "./sources";
import { Settings } from "./settings";

/**
 * Refuses instance types whose architecture the AMI type cannot boot: EKS
 * rejects the node group (or its instances fail to launch) only at deploy,
 * after the control plane is paid for.
 */
export function checkInstanceArchitecture(
  input: Pick<Settings, "nodeInstanceTypes" | "nodeAmiType">,
  get: (name: SettingName) => RawSetting,
  problems: Problems,
): void {
  if (!isEksAmiType(input.nodeAmiType)) return;
  const ami = amiArchitecture(input.nodeAmiType);
  const other = ami === "arm64" ? "x86_64" : "arm64";
  const wrong = input.nodeInstanceTypes.filter((type) => instanceArchitecture(type) === other);
  if (wrong.length === 0) return;
  const amiRaw = get("nodeAmiType");
  const suggestions = Object.keys(EKS_AMI_TYPES).filter((type) => isEksAmiType(type) && amiArchitecture(type) === other);
  problems.add(
    get("nodeInstanceTypes"),
    `${wrong.join(", ")} ${wrong.length > 1 ? "are" : "is"} ${other} (${other === "arm64" ? "a g after the generation, as in m7g, is Graviton" : "no g after the generation: AMD or Intel"}), ` +
      `but nodeAmiType ${input.nodeAmiType} (from ${amiRaw.source}) boots ${ami} only; ` +
      `allowed: ${ami} instance types, or an ${other} AMI type (${suggestions.join(", ")})`,
  );
}
