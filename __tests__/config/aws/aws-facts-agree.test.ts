import { EKS_VERSION_CALENDAR, supportPhase } from "../../../config/aws/eks-versions";
import { INSTANCE_NETWORK_LIMITS } from "../../../config/aws/instance-network-limits";
import { amiArchitecture, instanceArchitecture, maxPods } from "../../../config/aws/instance-types";
import { ORDINARY_ACCOUNT } from "../../helpers/fake-aws-endpoint";
import { TODAY } from "../../helpers/settings";

/**
 * The hand tables answer at synth what the plan asks AWS (ARCHITECTURE.md, "Facts from AWS"): where the plan
 * tests' stand-in for AWS and a table both know a fact, they must agree, or one of the two checks is tested
 * against the wrong answer.
 */
describe("the hand tables and the plan tests' AWS answers", () => {
  const phases = { standard: "STANDARD_SUPPORT", extended: "EXTENDED_SUPPORT", ended: "UNSUPPORTED", "not-released": undefined };

  it.each(ORDINARY_ACCOUNT.eksVersions.filter((entry) => EKS_VERSION_CALENDAR.some((row) => row.version === entry.version)))(
    "agree on Kubernetes $version: its dates, and its status on the tests' day",
    (entry) => {
      const row = EKS_VERSION_CALENDAR.find((candidate) => candidate.version === entry.version);
      expect(row).toEqual({
        version: entry.version,
        released: entry.released,
        endOfStandardSupport: entry.endOfStandardSupport,
        endOfExtendedSupport: entry.endOfExtendedSupport,
      });
      const phase = supportPhase(entry.version, TODAY)?.phase;
      expect(phase && phases[phase]).toBe(entry.status);
    },
  );

  it.each(Object.entries(ORDINARY_ACCOUNT.instanceTypes).filter(([type]) => type in INSTANCE_NETWORK_LIMITS))(
    "agree on %s: ENIs, addresses, pods and architecture",
    (type, facts) => {
      expect(INSTANCE_NETWORK_LIMITS[type]).toEqual([facts.enis, facts.ipv4PerEni]);
      expect(maxPods(type)).toBe(facts.enis * (facts.ipv4PerEni - 1) + 2);
      expect(facts.architectures).toContain(instanceArchitecture(type));
    },
  );

  it("name the architectures as EC2 does", () => {
    expect(amiArchitecture("AL2023_ARM_64_STANDARD")).toBe("arm64");
    expect(amiArchitecture("BOTTLEROCKET_x86_64")).toBe("x86_64");
  });
});
