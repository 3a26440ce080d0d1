import { requireTool } from "../../lib/require-tool";
import { RenderedOverlay } from "../../kubernetes/rendered-overlay";
import { Runtime, debianHaproxy, imageLine, podRuntime, versionLine } from "../../harness/pod-runtimes";
import { checkHaproxyConfig, renderedPoc } from "../helpers/rendered";

const objects = renderedPoc();
const { haproxyCfg: config, haproxyImage } = new RenderedOverlay(objects);
const pods = podRuntime(haproxyImage, "haproxy");

beforeAll(() => ["haproxy", "unshare"].forEach(requireTool));

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
    const reports = output.split("\n").filter((line) => /\[(WARNING|NOTICE)\]/.test(line) && !/haproxy version is|path to executable/.test(line));
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

describe("haproxy.cfg from the rendered ConfigMap", () => {
  it("sets every timeout, maxconn, stdout logs and hard-stop-after", () => {
    for (const line of ["timeout connect", "timeout client", "timeout server", "timeout http-request", "maxconn", "log stdout", "hard-stop-after"]) {
      expect(config).toContain(line);
    }
  });

  it("names no backend like a frontend (HAProxy 3.3 refuses it)", () => {
    const names = (kind: string) => [...config.matchAll(new RegExp(`^${kind} (\\S+)`, "gm"))].map((m) => m[1]);
    expect(names("backend").filter((name) => names("frontend").includes(name))).toEqual([]);
  });

  it("discovers nginx through the cluster DNS resolvers with explicit health checks", () => {
    expect(config).toMatch(/^resolvers cluster\n\s+parse-resolv-conf/m);
    expect(config).toMatch(/server-template nginx 1-\d+ "\$\{NGINX_ADDRESS\}:8080" check/);
    expect(config).toMatch(/default-server inter \d+s fall \d+ rise \d+ resolvers cluster/);
    expect(config).toContain("option httpchk");
  });

  it("protects the stats page with credentials from the environment and hides the version", () => {
    expect(config).toContain('stats auth "${STATS_USER}:${STATS_PASSWORD}"');
    expect(config).toContain("stats hide-version");
    expect(config).not.toMatch(/stats auth [^"]/);
  });
});
