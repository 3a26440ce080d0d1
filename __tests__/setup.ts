// helpers/today.ts, not helpers/settings.ts: setup runs for every test file, and most need no settings loaded.
import { TODAY } from "./helpers/today";

// cdktf's matchers are set up by the synth helpers that need them (helpers/cdktf-matchers.ts), not here.
// Every synth a test spawns (main.ts, the scripts) inherits this: judged as on the tests' fixed day, not the calendar's.
process.env.EKS_POC_SYNTH_DATE = TODAY.toISOString().slice(0, 10);
