import { App } from "cdktf";
import { readCliContext } from "./config/cli-context";
import { ConfigError } from "./config/config-error";
import { STACK_NAMES } from "./config/constants";
import { loadSettings } from "./config/load-settings";
import { Settings } from "./config/settings";
import { ClusterStack } from "./stacks/cluster-stack";

function settingsOrExit(): Settings {
  try {
    return loadSettings(readCliContext(process.env), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`eks-haproxy-poc: ${error.message}\n`);
    process.exit(1);
  }
}

const settings = settingsOrExit();
const app = new App();
new ClusterStack(app, STACK_NAMES.cluster, settings);
app.synth();
