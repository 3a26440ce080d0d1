import { join } from "node:path";

/** The repository's root folder (where package.json and cdktf.json are), for code run from any folder. */
export const PROJECT_ROOT = join(__dirname, "..");
