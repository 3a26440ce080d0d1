import { describeApplyCycle } from "../helpers/apply-cycle";
import { EXPLICIT_AZS } from "../helpers/settings";

describeApplyCycle("public mode", EXPLICIT_AZS);
