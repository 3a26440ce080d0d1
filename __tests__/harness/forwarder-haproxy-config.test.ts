import { forwarderHaproxyConfig } from "../../harness/kube-proxy/forwarder-haproxy-config";
import { checkHaproxyText, haproxyLines } from "../helpers/haproxy-lines";

describe("forwarderHaproxyConfig", () => {
  const config = forwarderHaproxyConfig({
    address: "10.0.0.11",
    agentPort: 31001,
    listeners: [
      { name: "http", nodePort: 30000, targetPort: 8080 },
      { name: "stats", nodePort: 30002, targetPort: 9000 },
    ],
    pods: [
      { node: "node1", address: "10.0.0.11" },
      { node: "node2", address: "10.0.0.12" },
    ],
  });

  it.each(haproxyLines())("is a valid HAProxy configuration without warnings on HAProxy %s", (_, haproxy) => {
    expect(checkHaproxyText(haproxy, config)).toContain("Configuration file is valid");
  });

  it("forwards each node port to every pod at random, each pod's readiness asked of the node's endpoints view", () => {
    expect(config).toMatch(/^\s+balance random$/m);
    expect(config).toMatch(/^\s+default-server agent-check agent-addr 10\.0\.0\.11 agent-port 31001 agent-inter 1s$/m);
    expect(config).toContain(
      'listen http\n    bind 10.0.0.11:30000\n    server node1 10.0.0.11:8080 agent-send "node1\\n"\n    server node2 10.0.0.12:8080 agent-send "node2\\n"\n',
    );
    expect(config).toContain("    bind 10.0.0.11:30002\n    server node1 10.0.0.11:9000");
  });
});
