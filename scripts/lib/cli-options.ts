/**
 * The one way a script declares and reads its command line: node:util's parseArgs (built in) behind
 * `readCommandLine`, which prints the usage on -h/--help (exit 0) and refuses a misuse in one line, worded one way
 * for every script, `<name>: <what is wrong> (<command> -- --help)`, with exit 2, before the script does anything.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A misuse of a script's command line: one line, exit 2. */
export class UsageError extends Error {}

/** The options a script takes, as node:util's parseArgs declares them. */
export type Options = NonNullable<ParseArgsConfig["options"]>;

const HELP = { help: { type: "boolean", short: "h" } } as const;

/** The values parseArgs gives for `T` (strings, booleans, defaults applied), with `help`. */
export type OptionValues<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T & typeof HELP; allowPositionals: true }>
>["values"];

/** What a script declares about its command line. */
export interface CommandLine<T extends Options> {
  /** What starts each of its lines: `deploy`, `npm start`. */
  readonly name: string;
  /** How a user runs it, named in the pointer to --help: `npm run deploy`, `npm start`. */
  readonly command: string;
  /** Printed on -h/--help; starts with `usage: `. */
  readonly usage: string;
  /** Its options (-h/--help is added). @default none */
  readonly options?: T;
  /** Whether it takes arguments besides its options (stack names, a Node line). @default false */
  readonly positionals?: boolean;
}

/** A command line as declared, read. */
export interface ParsedCommandLine<T extends Options> {
  readonly values: OptionValues<T>;
  readonly positionals: readonly string[];
}

/** Reads `args` as `line` declares them; a misuse throws a UsageError of one line that points at --help. */
export function parseCommandLine<T extends Options>(line: CommandLine<T>, args: readonly string[]): ParsedCommandLine<T> {
  try {
    const options = { ...line.options, ...HELP } as T & typeof HELP;
    return parseArgs({ args: [...args], options, allowPositionals: line.positionals ?? false, strict: true });
  } catch (error) {
    // Node's message goes on about positional arguments after its first sentence.
    throw usageError(line, (error as Error).message.split("\n")[0].split(". To specify")[0]);
  }
}

/**
 * The script's command line (`args`, by default this process's): on -h/--help its usage on stdout and exit 0; a
 * misuse, which `check` may also find (by throwing a UsageError) as it turns the values into the script's options,
 * is one line on stderr and exit 2.
 */
export function readCommandLine<T extends Options, R = ParsedCommandLine<T>>(
  line: CommandLine<T>,
  check: (parsed: ParsedCommandLine<T>) => R = (parsed) => parsed as R,
  args: readonly string[] = process.argv.slice(2),
): R {
  try {
    const parsed = parseCommandLine(line, args);
    // Inside this generic function the values' type is not worked out yet; `help` is always declared.
    if ((parsed.values as { help?: boolean }).help) {
      console.log(line.usage);
      process.exit(0);
    }
    return check(parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${line.name}: ${error.message}`);
    process.exit(2);
  }
}

/** A UsageError worded as every script words one: what is wrong, then where the usage is. */
export function usageError(line: Pick<CommandLine<Options>, "command">, problem: string): UsageError {
  return new UsageError(`${problem} (${line.command} -- --help)`);
}

/** A number option checked against its range; the message names the option, the value and what is allowed. */
export function numberIn(option: string, raw: string, min: number, max: number, integer = false): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new UsageError(`--${option} ${JSON.stringify(raw)}: expected ${integer ? "a whole number" : "a number"} from ${min} to ${max}`);
  }
  return value;
}
