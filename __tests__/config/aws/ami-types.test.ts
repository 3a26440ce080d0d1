import { EKS_AMI_TYPES, amiDevices, amiTypesOf, isEksAmiType } from "../../../config/aws/ami-types";

describe("isEksAmiType", () => {
  it("accepts each AMI type the launch template maps", () => {
    expect(Object.keys(EKS_AMI_TYPES).filter((type) => !isEksAmiType(type))).toEqual([]);
  });

  it("refuses AL2, Windows, a different case and the names every object inherits", () => {
    for (const type of ["AL2_x86_64", "WINDOWS_CORE_2022_x86_64", "al2023_x86_64_standard", "toString", "constructor", ""]) {
      expect([type, isEksAmiType(type)]).toEqual([type, false]);
    }
  });
});

describe("amiDevices", () => {
  it("defaults: AL2023 keeps the OS and the containers on its root volume", () => {
    expect(amiDevices("AL2023_x86_64_STANDARD")).toEqual({ os: "/dev/xvda", data: "/dev/xvda" });
  });

  it("Bottlerocket keeps the containers on a second volume, on either architecture", () => {
    expect(amiDevices("BOTTLEROCKET_ARM_64")).toEqual({ os: "/dev/xvda", data: "/dev/xvdb" });
    expect(amiDevices("BOTTLEROCKET_x86_64")).toEqual(amiDevices("BOTTLEROCKET_ARM_64"));
  });
});

describe("amiTypesOf", () => {
  it("lists each family's types, and between them every accepted type once", () => {
    expect(amiTypesOf("BOTTLEROCKET")).toEqual(["BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64"]);
    expect(amiTypesOf("AL2023").every((type) => type.startsWith("AL2023_"))).toBe(true);
    expect([...amiTypesOf("AL2023"), ...amiTypesOf("BOTTLEROCKET")].sort()).toEqual(Object.keys(EKS_AMI_TYPES).sort());
  });
});
