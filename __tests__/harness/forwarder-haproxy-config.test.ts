import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forwarderHaproxyConfig } from "../../e2e/kube-proxy/forwarder-haproxy-config";
import { requireTool } from "../../scripts/lib/require-tool";

describe("forwarderHaproxyConfig", () => {
  const config = forwarderHaproxyConfig({
    address: "10.0.0.11", agentPort: 31001,
    listeners: [{ name: "http", nodePort: 30000, targetPort: 8080 }, { name: "stats", nodePort: 30002, targetPort: 9000 }],
    pods: [{ node: "node1", address: "10.0.0.11" }, { node: "node2", address: "10.0.0.12" }],
  });

  it("is a valid HAProxy configuration without warnings", () => {
    requireTool("haproxy");
    const dir = mkdtempSync(join(tmpdir(), "forwarder-cfg-"));
    try {
      writeFileSync(join(dir, "haproxy.cfg"), config);
      expect(execFileSync("haproxy", ["-c", "-dW", "-f", join(dir, "haproxy.cfg")], { encoding: "utf8" })).toContain("Configuration file is valid");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("forwards each node port to every pod at random, each pod's readiness asked of the node's endpoints view", () => {
    expect(config).toMatch(/^\s+balance random$/m);
    expect(config).toMatch(/^\s+default-server agent-check agent-addr 10\.0\.0\.11 agent-port 31001 agent-inter 1s$/m);
    expect(config).toContain("listen http\n    bind 10.0.0.11:30000\n    server node1 10.0.0.11:8080 agent-send \"node1\\n\"\n    server node2 10.0.0.12:8080 agent-send \"node2\\n\"\n");
    expect(config).toContain("    bind 10.0.0.11:30002\n    server node1 10.0.0.11:9000");
  });
});
