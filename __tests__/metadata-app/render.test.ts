import { CONTENT_TYPES, negotiate, render } from "../../manifests/metadata-app/render.mts";
import type { Report } from "../../manifests/metadata-app/render.mts";
import { EXAMPLE_INSTANCE } from "../../harness/fake-imds";

const report = (): Report => ({ ...EXAMPLE_INSTANCE, podName: "haproxy-abc12", nodeName: "ip-10-0-0-17.ec2.internal" });

describe("negotiate", () => {
  it.each([
    [undefined, "json"],
    ["*/*", "json"],
    ["application/json", "json"],
    ["TEXT/PLAIN", "text"],
    ["text/html,application/xhtml+xml,*/*;q=0.8", "html"],
    // Asked for both, JSON wins: a client that can parse it gets data rather than a page.
    ["text/html, application/json", "json"],
    ["text/plain, text/html", "html"],
  ])("answers Accept %p with %s", (accept, format) => {
    expect(negotiate(accept)).toBe(format);
  });

  it("names each format's content type in UTF-8", () => {
    expect(CONTENT_TYPES).toEqual({
      json: "application/json; charset=utf-8",
      text: "text/plain; charset=utf-8",
      html: "text/html; charset=utf-8",
    });
  });
});

describe("render", () => {
  it("writes JSON of every field, one line", () => {
    const body = render(report(), "json");
    expect(body.endsWith("}\n")).toBe(true);
    expect(JSON.parse(body)).toEqual(report());
  });

  it("writes the original project's plain text, one field a line", () => {
    expect(render(report(), "text")).toBe(
      [
        "REGION = us-east-1",
        "AZ = us-east-1a",
        "AZ ID = use1-az4",
        "INSTANCE = i-0123456789abcdef0 (t3.medium)",
        "PRIVATE IP = 10.0.0.17",
        "NODE = ip-10-0-0-17.ec2.internal",
        "POD = haproxy-abc12",
        "",
      ].join("\n"),
    );
  });

  it("writes a page with a row per field, titled by the zone", () => {
    const page = render(report(), "html");
    expect(page.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Served from us-east-1a</title>')).toBe(true);
    expect(page).toMatch(/<head>.*<style>[^<]+<\/style><\/head><body><h1>Served from us-east-1a<\/h1>/);
    expect(page).toMatch(/<table>(<tr><th>[^<]*<\/th><td>[^<]*<\/td><\/tr>){6}<\/table>/);
    const rows = [...page.matchAll(/<tr><th>([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ["Region", "us-east-1"],
      ["Availability zone", "us-east-1a (use1-az4)"],
      ["Instance", "i-0123456789abcdef0 (t3.medium)"],
      ["Private IP", "10.0.0.17"],
      ["Node", "ip-10-0-0-17.ec2.internal"],
      ["Pod", "haproxy-abc12"],
    ]);
    expect(page.endsWith("</table></body></html>\n")).toBe(true);
  });

  it("escapes what the page shows, so a value cannot add markup", () => {
    const page = render({ ...report(), podName: `<b a="1">&'x'</b>` }, "html");
    expect(page).toContain("<td>&#60;b a=&#34;1&#34;&#62;&#38;&#39;x&#39;&#60;/b&#62;</td>");
    expect(page).not.toContain("<b ");
  });
});
