/** A setting's value before parsing, and where it came from, for error messages. */
export interface RawSetting {
  readonly name: string;
  readonly value: unknown;
  /** Where it came from, for messages: the variable's name, "cdktf.json context" or "default". */
  readonly source: string;
  /** "default": not written by the user, wherever; any other origin is the user's choice. */
  readonly origin: "environment" | "context" | "default";
}

/** How a rule of several settings finds each one's raw value, for its messages: `N` names the settings it reads. */
export type GetRaw<N extends string> = (name: N) => RawSetting;

/**
 * What is wrong with a value, whatever the words that say it: what a test asserts. A refusal is one of the first eleven;
 * a warning (accepted, but worth knowing) is a `note`.
 */
export const REASONS = [
  /** A value of another type than the setting's (a string where a number goes, in cdktf.json). */
  "type",
  /** Not a well-formed value of its kind: a CIDR, an ARN, a name, a day. */
  "format",
  /** Not one of the values allowed. */
  "choice",
  /** A number, a length or a count outside what is allowed. */
  "range",
  /** Empty, where one or more are needed. */
  "empty",
  /** An item listed twice. */
  "repeated",
  /** In what AWS or a tool keeps for itself. */
  "reserved",
  /** At odds with another setting. */
  "conflict",
  /** Written where it changes nothing. */
  "no-effect",
  /** A name no setting has. */
  "unknown",
  /** What AWS does not offer (a version, on that day or without opting in) or an instance cannot hold. */
  "unavailable",
  "note",
] as const;
export type Reason = (typeof REASONS)[number];
/** The reasons of a refusal: all but `note`. */
export type Refusal = Exclude<Reason, "note">;

/** One problem of the settings, as data: the setting (or the name no setting has), its value and source, and why. */
export interface Problem {
  readonly setting: string;
  readonly value: unknown;
  readonly source: string;
  readonly reason: Reason;
  /** The rest of the sentence: what is wrong, and what is allowed. */
  readonly detail: string;
}

/** The line a user reads: the setting, its value, its source, then what is wrong and what is allowed. */
export function sentence(problem: Problem): string {
  return `${problem.setting} = ${JSON.stringify(problem.value)} (from ${problem.source}): ${problem.detail}`;
}

/** Collects every problem of the settings, and warnings, for what is accepted but worth knowing. */
export class Problems {
  readonly found: Problem[] = [];
  readonly warnings: Problem[] = [];
  /** Settings of the wrong type: later checks would judge a stand-in value and contradict the first problem. */
  private readonly unparsed = new Set<string>();

  add(raw: RawSetting, reason: Refusal, detail: string): void {
    if (this.unparsed.has(key(raw))) return;
    this.found.push(problem(raw, reason, detail));
  }

  /** A value the setting's parser cannot read: the one problem said about this setting. */
  unparsable(raw: RawSetting, reason: "type" | "choice", detail: string): void {
    this.add(raw, reason, detail);
    this.unparsed.add(key(raw));
  }

  warn(raw: RawSetting, detail: string): void {
    this.warnings.push(problem(raw, "note", detail));
  }

  /** Throws a ConfigError when a problem was found; passes the warnings to `warn` first. */
  settle(warn: (line: string) => void = () => {}): void {
    this.warnings.map(sentence).forEach(warn);
    if (this.found.length > 0) throw new ConfigError(this.found);
  }
}

/** A setting from one source: EKS_POC_TAGS and the cdktf.json tags it adds to are two. */
function key(raw: RawSetting): string {
  return `${raw.name} ${raw.source}`;
}

function problem(raw: RawSetting, reason: Reason, detail: string): Problem {
  return { setting: raw.name, value: raw.value, source: raw.source, reason, detail };
}

/** Every problem found in the settings, one line each, so a user fixes them all in one pass. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${sentence(p)}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Written by the user (cdktf.json, the CLI's context or a variable), even with the default's value: a user who writes a
 * setting believes it applies. An empty value, like an empty variable, asks for the default's meaning.
 */
export function written(raw: RawSetting): boolean {
  return raw.origin !== "default" && String(raw.value).trim() !== "";
}
