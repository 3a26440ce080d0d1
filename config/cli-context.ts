/**
 * The cdktf CLI hands cdktf.json's `context` to the app in this variable. It is
 * read here, before the App exists, because constructing the App already
 * creates folders in cdktf.out, and bad settings must leave nothing behind.
 */
export const CLI_CONTEXT_VARIABLE = "CDKTF_CONTEXT_JSON";

export function readCliContext(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const json = env[CLI_CONTEXT_VARIABLE];
  return json ? (JSON.parse(json) as Record<string, unknown>) : {};
}
