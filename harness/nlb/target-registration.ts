import { connect } from "node:net";

/** One command to an HAProxy runtime API socket; resolves to its answer. */
export function runtimeCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = "";
    const client = connect(socket, () => client.end(command + "\n"));
    client.setEncoding("utf8");
    client.setTimeout(2000, () => client.destroy(new Error(`no answer from ${socket} to "${command}"`)));
    client.on("data", (chunk: string) => (answer += chunk));
    client.on("end", () => resolve(answer.trim()));
    client.on("error", reject);
  });
}

/**
 * The runtime commands that register a target slot declared `disabled` in every
 * listener: out of maintenance, and (init-state fully-down) healthy only once
 * the health check's healthy threshold has passed, as a new NLB target.
 */
export function registerCommands(listeners: readonly string[], target: string): string[] {
  return listeners.flatMap((l) => [`set server ${l}/${target} state ready`, `set server ${l}/${target}-open state ready`]);
}

/**
 * The commands that deregister a target: it gets no new connection (drain)
 * while its open connections go on, as an NLB target in the `draining` state
 * for its deregistration delay (cloud-provider-aws leaves AWS's default,
 * 300 s). Its fail-open slot leaves too.
 */
export function deregisterCommands(listeners: readonly string[], target: string): string[] {
  return listeners.flatMap((l) => [`set server ${l}/${target} state drain`, `set server ${l}/${target}-open state maint`]);
}

/** Runs each command; refuses an answer that is not empty (the runtime API's success). */
export async function runAll(socket: string, commands: readonly string[]): Promise<void> {
  for (const command of commands) {
    const answer = await runtimeCommand(socket, command);
    if (answer !== "") throw new Error(`load balancer runtime API: "${command}" answered: ${answer}`);
  }
}
