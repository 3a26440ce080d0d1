import { describeApplyCycle } from "../helpers/apply-cycle";
import { EXPLICIT_AZS } from "../helpers/settings";

describeApplyCycle("private mode, a NAT gateway per AZ", { ...EXPLICIT_AZS, EKS_POC_SUBNET_MODE: "private" });
