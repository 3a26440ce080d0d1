import { Testing } from "cdktf";
// Brings the type declarations of cdktf's jest matchers (toHaveResource, ...) into scope.
import "cdktf/lib/testing/adapters/jest";
import { TODAY } from "./helpers/settings";

Testing.setupJest();
// Every synth a test spawns (main.ts, the scripts) inherits this: judged as on the tests' fixed day, not the calendar's.
process.env.EKS_POC_SYNTH_DATE = TODAY.toISOString().slice(0, 10);
