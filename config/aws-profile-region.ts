import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The region an AWS CLI profile sets, and where. */
export interface ProfileRegion {
  readonly profile: string;
  readonly region: string;
  readonly file: string;
}

/**
 * The `region` of the profile the AWS CLI would use (`AWS_PROFILE`, else `default`) in its config file
 * (`AWS_CONFIG_FILE`, else `~/.aws/config`, where a named profile's section is `[profile NAME]`): AWS CLI user guide,
 * "Configuration and credential file settings". Read from `env` alone, never from this machine's home folder behind it,
 * so that a test's environment is the whole story. Undefined when there is no such file, section or line.
 */
export function profileRegion(env: Readonly<Record<string, string | undefined>>): ProfileRegion | undefined {
  const file = env.AWS_CONFIG_FILE || (env.HOME ? join(env.HOME, ".aws", "config") : undefined);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const profile = env.AWS_PROFILE || "default";
  const header = profile === "default" ? /^\[\s*(profile\s+)?default\s*\]$/ : new RegExp(`^\\[\\s*profile\\s+${escape(profile)}\\s*\\]$`);
  let inSection = false;
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    if (line.startsWith("[")) inSection = header.test(line);
    const setting = inSection ? /^region\s*=\s*(\S+)/.exec(line) : null;
    if (setting) return { profile, region: setting[1], file };
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
