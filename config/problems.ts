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
 * Collects one line per bad setting: the setting, its value, its source and
 * what is allowed; and warnings, for what is accepted but worth knowing.
 */
export class Problems {
  readonly lines: string[] = [];
  readonly warnings: string[] = [];
  /** Settings of the wrong type: later checks would judge a stand-in value and contradict the first line. */
  private readonly unparsed = new Set<string>();

  add(raw: RawSetting, allowed: string): void {
    if (this.unparsed.has(key(raw))) return;
    this.lines.push(line(raw, allowed));
  }

  /** A value of the wrong type: the one line said about this setting. */
  unparsable(raw: RawSetting, allowed: string): void {
    this.add(raw, allowed);
    this.unparsed.add(key(raw));
  }

  /** A line about something that is not a setting, such as an unknown variable. */
  addLine(text: string): void {
    this.lines.push(text);
  }

  warn(raw: RawSetting, text: string): void {
    this.warnings.push(line(raw, text));
  }
}

/** A setting from one source: EKS_POC_TAGS and the cdktf.json tags it adds to are two. */
function key(raw: RawSetting): string {
  return `${raw.name} ${raw.source}`;
}

function line(raw: RawSetting, text: string): string {
  return `${raw.name} = ${JSON.stringify(raw.value)} (from ${raw.source}): ${text}`;
}

/** Every problem found in the settings, one line each, so a user fixes them all in one pass. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
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
