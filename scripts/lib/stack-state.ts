import { spawnSync } from "node:child_process";

/**
 * Whether the stack in `dir` has outputs in its Terraform state, i.e. it has
 * been deployed (and not destroyed). Initializes the folder first when needed.
 */
export function hasOutputs(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const outputs = () => spawnSync("terraform", ["output", "-json"], { cwd: dir, encoding: "utf8", env });
  let result = outputs();
  if (result.status !== 0) {
    spawnSync("terraform", ["init", "-input=false"], { cwd: dir, stdio: "ignore", env });
    result = outputs();
  }
  try {
    return result.status === 0 && Object.keys(JSON.parse(result.stdout)).length > 0;
  } catch {
    return false;
  }
}
