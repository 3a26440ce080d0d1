import type { InstanceMetadata } from "./instance-metadata.mts";

/** Who served the request: the node's metadata and the pod, from the Downward API. */
export interface Report extends InstanceMetadata {
  readonly podName: string;
  readonly nodeName: string;
}

export type Format = "json" | "text" | "html";

/** JSON by default; the original project's plain text for `Accept: text/plain`; a page for browsers. */
export function negotiate(accept: string | undefined): Format {
  const wanted = (accept ?? "").toLowerCase();
  if (wanted.includes("application/json")) return "json";
  if (wanted.includes("text/html")) return "html";
  if (wanted.includes("text/plain")) return "text";
  return "json";
}

export const CONTENT_TYPES: Record<Format, string> = {
  json: "application/json; charset=utf-8",
  text: "text/plain; charset=utf-8",
  html: "text/html; charset=utf-8",
};

export function render(report: Report, format: Format): string {
  if (format === "text") return renderText(report);
  if (format === "html") return renderHtml(report);
  return JSON.stringify(report) + "\n";
}

function renderText(report: Report): string {
  return (
    [
      `REGION = ${report.region}`,
      `AZ = ${report.availabilityZone}`,
      `AZ ID = ${report.availabilityZoneId}`,
      `INSTANCE = ${report.instanceId} (${report.instanceType})`,
      `PRIVATE IP = ${report.privateIp}`,
      `NODE = ${report.nodeName}`,
      `POD = ${report.podName}`,
    ].join("\n") + "\n"
  );
}

function renderHtml(report: Report): string {
  const rows = [
    ["Region", report.region],
    ["Availability zone", `${report.availabilityZone} (${report.availabilityZoneId})`],
    ["Instance", `${report.instanceId} (${report.instanceType})`],
    ["Private IP", report.privateIp],
    ["Node", report.nodeName],
    ["Pod", report.podName],
  ]
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join("");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Served from ${escapeHtml(report.availabilityZone)}</title>` +
    `<style>body{font:16px system-ui,sans-serif;margin:2rem}th{text-align:left;padding-right:1rem}</style></head>` +
    `<body><h1>Served from ${escapeHtml(report.availabilityZone)}</h1><table>${rows}</table></body></html>\n`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
