import { Testing } from "cdktf";
// Brings the type declarations of cdktf's jest matchers (toHaveResource, ...) into scope.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
