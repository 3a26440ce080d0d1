import type { ParseArgsConfig } from "node:util";
import { parseArgs } from "node:util";

/** A misuse of a script's command line: one line, exit 2. */
export class UsageError extends Error {}

/** A number option checked against its range; the message names the option, the value and what is allowed. */
export function numberIn(option: string, raw: string, min: number, max: number, integer = false): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new UsageError(`--${option} ${JSON.stringify(raw)}: expected ${integer ? "a whole number" : "a number"} from ${min} to ${max}`);
  }
  return value;
}

/** node:util's parseArgs plus -h/--help, its errors cut to their first sentence as a UsageError pointing at --help. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(script: string, args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: "boolean", short: "h" } } }).values;
  } catch (error) {
    // Node's message goes on about positional arguments after its first sentence.
    throw new UsageError(`${(error as Error).message.split("\n")[0].split(". To specify")[0]} (${script} -- --help)`);
  }
}
