// cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, ...) and their type declarations, for the test
// files that synthesize (they import this through the synth helpers). Not in setup.ts: loading cdktf costs each test
// file about 0.2 s, most test files never synthesize, and a mutation run loads the related test files once per mutant.
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
