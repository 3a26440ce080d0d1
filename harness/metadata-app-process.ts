import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MetadataApp } from "../kubernetes/rendered-overlay";
import type { PodRuntime } from "./pod-runtimes";

/**
 * The metadata container's own command from the rendered DaemonSet, as this
 * machine runs it: its `node` is the pod's Node line (harness/pod-runtimes.ts),
 * the ConfigMap's files are written to `appDir` and the mount path points
 * there. No tsx: the pod's Node strips the types itself.
 */
export function podAppCommand(app: MetadataApp, node: PodRuntime, appDir: string): { command: string; args: string[] } {
  const [program, ...args] = app.command;
  if (program !== "node")
    throw new Error(`the metadata container's command starts with ${program}, not node: the harness knows how to run node only`);
  for (const [file, text] of Object.entries(app.files)) writeFileSync(join(appDir, file), text);
  return { command: node.binary, args: args.map((arg) => arg.replace(app.mountPath, appDir)) };
}
