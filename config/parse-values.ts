import { RawSetting } from "./sources";

/** Collects one line per bad setting: the setting, its value, its source and what is allowed. */
export class Problems {
  readonly lines: string[] = [];

  add(raw: RawSetting, allowed: string): void {
    this.lines.push(`${raw.name} = ${JSON.stringify(raw.value)} (from ${raw.source}): ${allowed}`);
  }
}

export function parseString(raw: RawSetting, problems: Problems): string {
  if (typeof raw.value === "string") return raw.value.trim();
  problems.add(raw, "must be a string");
  return "";
}

export function parseInteger(raw: RawSetting, problems: Problems): number {
  const value = typeof raw.value === "string" && /^-?\d+$/.test(raw.value.trim()) ? Number(raw.value) : raw.value;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  problems.add(raw, "must be a whole number");
  return NaN;
}

export function parseBoolean(raw: RawSetting, problems: Problems): boolean {
  if (typeof raw.value === "boolean") return raw.value;
  if (raw.value === "true" || raw.value === "false") return raw.value === "true";
  problems.add(raw, "must be true or false");
  return false;
}

/** A list from JSON context, or from a comma-separated environment variable. */
export function parseList(raw: RawSetting, problems: Problems): string[] {
  if (typeof raw.value === "string") {
    return raw.value.split(",").map((item) => item.trim()).filter((item) => item !== "");
  }
  if (Array.isArray(raw.value) && raw.value.every((item) => typeof item === "string")) {
    return raw.value.map((item: string) => item.trim());
  }
  problems.add(raw, "must be a list of strings (comma-separated in an environment variable)");
  return [];
}

/** A map from JSON context, or from `key=value,key=value` in an environment variable. */
export function parseMap(raw: RawSetting, problems: Problems): Record<string, string> {
  if (typeof raw.value === "string") {
    const pairs = raw.value.split(",").map((pair) => pair.trim()).filter((pair) => pair !== "");
    if (pairs.every((pair) => /^[^=]+=.*$/.test(pair))) {
      return Object.fromEntries(pairs.map((pair) => [pair.split("=")[0].trim(), pair.slice(pair.indexOf("=") + 1).trim()]));
    }
  } else if (isStringMap(raw.value)) {
    return { ...raw.value };
  }
  problems.add(raw, "must be a map of strings (key=value,key=value in an environment variable)");
  return {};
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    && Object.values(value).every((item) => typeof item === "string");
}
