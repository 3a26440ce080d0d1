import { describeApplyCycle } from "../helpers/apply-cycle";
import { EXPLICIT_AZS } from "../helpers/settings";

describeApplyCycle("private mode, one NAT gateway", {
  ...EXPLICIT_AZS,
  EKS_POC_SUBNET_MODE: "private",
  EKS_POC_SINGLE_NAT_GATEWAY: "true",
});
