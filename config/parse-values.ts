import type { Problems, RawSetting } from "./problems";

export function parseString(raw: RawSetting, problems: Problems): string {
  if (typeof raw.value === "string") return raw.value.trim();
  // JSON reads 1.30 as the number 1.3: ask for quotes rather than guess.
  problems.unparsable(raw, "type", typeof raw.value === "number" ? `must be a string, in quotes: "${raw.value}"` : "must be a string");
  return "";
}

/**
 * A string stands for a number, a boolean, a list or a map only in an environment variable, where everything is one:
 * cdktf.json holds JSON, whose types say what was meant, so a string there for another type is refused
 * (docs/configuration.md), with the JSON to write instead.
 */
const fromVariable = (raw: RawSetting): raw is RawSetting & { value: string } => typeof raw.value === "string" && raw.origin !== "context";

export function parseInteger(raw: RawSetting, problems: Problems): number {
  const value = fromVariable(raw) && /^-?\d+$/.test(raw.value.trim()) ? Number(raw.value) : raw.value;
  if (Number.isInteger(value)) return value as number;
  const unquoted =
    typeof raw.value === "string" && /^-?\d+$/.test(raw.value.trim()) ? `, a JSON number without quotes: ${raw.value.trim()}` : "";
  problems.unparsable(raw, "type", `must be a whole number${unquoted}`);
  return NaN;
}

export function parseBoolean(raw: RawSetting, problems: Problems): boolean {
  if (typeof raw.value === "boolean") return raw.value;
  if (raw.value === "true" || raw.value === "false") {
    if (fromVariable(raw)) return raw.value === "true";
    problems.unparsable(raw, "type", `must be true or false, a JSON boolean without quotes: ${raw.value}`);
    return false;
  }
  problems.unparsable(raw, "type", "must be true or false");
  return false;
}

/** A whole number, or nothing: unset, or empty ("" in cdktf.json, an empty variable) when another setting stands in. */
export function parseOptionalInteger(raw: RawSetting, problems: Problems): number | undefined {
  if (raw.value === undefined || raw.value === "") return undefined;
  return parseInteger(raw, problems);
}

/** One of a fixed set of strings; `note` says why these (after the list of allowed values). */
export function parseChoice<T extends string>(allowed: readonly T[], note = ""): (raw: RawSetting, problems: Problems) => T {
  return (raw, problems) => {
    const value = parseString(raw, problems);
    // A value that is not a string has had its line from parseString: add() says nothing more about it.
    if (!(allowed as readonly string[]).includes(value)) {
      problems.unparsable(raw, "choice", `allowed: ${allowed.join(", ")}${note}`);
    }
    return value as T;
  };
}

/** A list from JSON context, or from a comma-separated environment variable. */
export function parseList(raw: RawSetting, problems: Problems): string[] {
  if (fromVariable(raw)) {
    return raw.value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  }
  if (Array.isArray(raw.value) && raw.value.every((item) => typeof item === "string")) {
    return raw.value.map((item: string) => item.trim());
  }
  problems.unparsable(
    raw,
    "type",
    typeof raw.value === "string"
      ? `must be a JSON list of strings in cdktf.json: ${JSON.stringify(
          raw.value
            .split(",")
            .map((item) => item.trim())
            .filter((item) => item !== ""),
        )}`
      : "must be a list of strings (comma-separated in an environment variable)",
  );
  return [];
}

/** A map from JSON context, or from `key=value,key=value` in an environment variable. */
export function parseMap(raw: RawSetting, problems: Problems): Record<string, string> {
  if (typeof raw.value === "string" && raw.origin === "context") {
    problems.unparsable(raw, "type", 'must be a JSON object of strings in cdktf.json, such as {"Owner": "platform"}');
    return {};
  }
  if (typeof raw.value === "string") {
    const pairs = raw.value
      .split(",")
      .map((pair) => pair.trim())
      .filter((pair) => pair !== "");
    if (pairs.every((pair) => /^[^=]+=/.test(pair))) {
      return Object.fromEntries(pairs.map((pair) => [pair.split("=")[0].trim(), pair.slice(pair.indexOf("=") + 1).trim()]));
    }
  } else if (isStringMap(raw.value)) {
    return { ...raw.value };
  }
  problems.unparsable(raw, "type", "must be a map of strings (key=value,key=value in an environment variable)");
  return {};
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === "string")
  );
}

/** "a is listed twice" or "a, b are listed twice" for the values `values` holds more than once; undefined when none. */
export function listedTwice(values: readonly string[]): string | undefined {
  const repeated = [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
  if (repeated.length === 0) return undefined;
  return `${repeated.join(", ")} ${repeated.length > 1 ? "are" : "is"} listed twice`;
}
