import { requireTool } from "../../lib/require-tool";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import type { Runtime } from "../../harness/pod-runtimes";
import { debianHaproxy, imageLine, podRuntime, versionLine } from "../../harness/pod-runtimes";
import { haproxySection, haproxySections } from "../helpers/haproxy-sections";
import { checkHaproxyConfig, renderedPoc } from "../helpers/rendered";

const objects = renderedPoc();
const { haproxyCfg: config, haproxyImage } = new RenderedOverlay(objects);
const pods = podRuntime(haproxyImage, "haproxy");

beforeAll(() => ["haproxy", "unshare"].forEach((tool) => requireTool(tool)));

it(`checks with the HAProxy line the pod's image names (${pods.image}: HAProxy ${pods.version})`, () => {
  expect(versionLine("haproxy", pods.version)).toBe(imageLine(haproxyImage, "haproxy").line);
});

// The pod's line is what runs; Debian's older line is a second opinion (and what a Debian user has).
describe.each<[string, Runtime]>([
  [`${pods.version}, the pod's line`, pods],
  [`${debianHaproxy().version}, Debian's`, debianHaproxy()],
])("haproxy.cfg from the rendered ConfigMap on HAProxy %s", (_, haproxy) => {
  it("passes haproxy -c -dW (valid, zero warnings) with the DaemonSet's environment", () => {
    expect(checkHaproxyConfig(objects, config, true, haproxy.binary)).toMatch(/Configuration file is valid/);
  });

  const check = (text: string, clusterNames: boolean): { passed: boolean; output: string } => {
    try {
      return { passed: true, output: checkHaproxyConfig(objects, text, clusterNames, haproxy.binary) };
    } catch (error) {
      return { passed: false, output: String((error as { stdout: string }).stdout) };
    }
  };

  // 2.6 warns (and so fails the check) where 3.2 only notes it: both must say nothing else.
  it("reports nothing but the cluster names when they cannot be resolved (outside a cluster)", () => {
    const { output } = check(config, false);
    const reports = output
      .split("\n")
      .filter((line) => /\[(WARNING|NOTICE)\]/.test(line) && !/haproxy version is|path to executable/.test(line));
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((line) => /could not resolve address '[^']+\.svc\.cluster\.local'/.test(line))).toBe(true);
  });

  it("fails the same check when a warning creeps in", () => {
    const withWarning = config.replace(/^\s*timeout client .*$/m, "");
    const result = check(withWarning, true);
    expect(result.passed).toBe(false);
    expect(result.output).toMatch(/\[WARNING\].*timeout/i);
  });
});

// Each keyword is looked for in the section where it takes effect: a timeout in a backend, or "stats auth" in
// another frontend than the stats page's, would leave the section that needs it without.
describe("haproxy.cfg from the rendered ConfigMap", () => {
  const section = (kind: string, name = "") => haproxySection(config, kind, name).lines;
  const keywords = (lines: readonly string[]) => lines.map((line) => line.split(/\s+/).slice(0, 2).join(" "));

  it("bounds connections and stops within hard-stop-after, logging to stdout (global)", () => {
    expect(section("global")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^log stdout /),
        expect.stringMatching(/^maxconn \d+$/),
        expect.stringMatching(/^hard-stop-after \d+s$/),
      ]),
    );
  });

  it("sets every timeout and maxconn in the defaults every proxy inherits", () => {
    expect(keywords(section("defaults"))).toEqual(
      expect.arrayContaining(["timeout connect", "timeout client", "timeout server", "timeout http-request", "log global"]),
    );
    expect(section("defaults")).toEqual(expect.arrayContaining([expect.stringMatching(/^maxconn \d+$/)]));
  });

  it("names no backend like a frontend (HAProxy 3.3 refuses it)", () => {
    const names = (kind: string) =>
      haproxySections(config)
        .filter((s) => s.kind === kind)
        .map((s) => s.name);
    expect(names("backend").length).toBeGreaterThan(0);
    expect(names("backend").filter((name) => names("frontend").includes(name))).toEqual([]);
  });

  it("discovers nginx through the cluster DNS resolvers with explicit health checks", () => {
    expect(section("resolvers", "cluster")).toContain("parse-resolv-conf");
    const nginx = section("backend", "nginx");
    expect(nginx).toContain("option httpchk");
    expect(nginx).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^server-template nginx 1-\d+ "\$\{NGINX_ADDRESS\}:8080" check$/),
        expect.stringMatching(/^default-server inter \d+s fall \d+ rise \d+ resolvers cluster /),
      ]),
    );
    expect(section("frontend", "http")).toContain("default_backend nginx");
  });

  it("protects the stats page with credentials from the environment and hides the version", () => {
    const stats = section("frontend", "stats");
    expect(stats).toEqual(expect.arrayContaining(["stats enable", 'stats auth "${STATS_USER}:${STATS_PASSWORD}"', "stats hide-version"]));
    // No other section serves statistics, with or without a password.
    const others = haproxySections(config).filter((s) => !(s.kind === "frontend" && s.name === "stats"));
    expect(others.flatMap((s) => s.lines.filter((line) => line.startsWith("stats ")))).toEqual([]);
  });
});
