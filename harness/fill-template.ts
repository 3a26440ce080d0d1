/** Replaces each `{{name}}` of a template file's text with its value; a placeholder without a value is an error. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => {
    if (!(key in values)) throw new Error(`template placeholder ${placeholder} has no value`);
    return values[key];
  });
}
