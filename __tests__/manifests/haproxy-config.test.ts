import { requireTool } from "../../scripts/lib/require-tool";
import { findConfigMap } from "../../kubernetes/kubernetes-object";
import { checkHaproxyConfig, renderedPoc } from "../helpers/rendered";

describe("haproxy.cfg from the rendered ConfigMap", () => {
  const objects = renderedPoc();
  const config = findConfigMap(objects, "haproxy-config").data!["haproxy.cfg"];

  beforeAll(() => ["haproxy", "unshare"].forEach(requireTool));

  it("passes haproxy -c -dW (valid, zero warnings) with the DaemonSet's environment", () => {
    expect(checkHaproxyConfig(objects)).toMatch(/Configuration file is valid/);
  });

  it("warns of nothing but the cluster names when they cannot be resolved (outside a cluster)", () => {
    let output = "";
    try {
      checkHaproxyConfig(objects, config, false);
    } catch (error) {
      output = String((error as { stderr: string }).stderr);
    }
    const warnings = output.split("\n").filter((line) => line.includes("[WARNING]"));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((line) => /could not resolve address '[^']+\.svc\.cluster\.local'/.test(line))).toBe(true);
  });

  it("fails the same check when a warning creeps in", () => {
    const withWarning = config.replace(/^\s*timeout client .*$/m, "");
    expect(() => checkHaproxyConfig(objects, withWarning)).toThrow(/timeout/i);
  });

  it("sets every timeout, maxconn, stdout logs and hard-stop-after", () => {
    for (const line of ["timeout connect", "timeout client", "timeout server", "timeout http-request", "maxconn", "log stdout", "hard-stop-after"]) {
      expect(config).toContain(line);
    }
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
