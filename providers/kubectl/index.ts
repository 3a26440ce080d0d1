export { KubectlProvider } from "./kubectl-provider";
export type { KubectlProviderConfig, KubectlProviderExec } from "./kubectl-provider";
export { KubectlManifest } from "./kubectl-manifest";
export type { KubectlManifestConfig, KubectlManifestWaitForField } from "./kubectl-manifest";
