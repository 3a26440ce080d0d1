import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fillTemplate } from "../fill-template";

export interface ForwarderHaproxyConfigProps {
  /** The node's address, where the node ports listen. */
  readonly address: string;
  /** Port of this node's endpoints view agent (see NodeHealthModel). */
  readonly agentPort: number;
  readonly listeners: ReadonlyArray<{ readonly name: string; readonly nodePort: number; readonly targetPort: number }>;
  /** Every pod of the Service: the node it runs on (the agent's key) and its address. */
  readonly pods: ReadonlyArray<{ readonly node: string; readonly address: string }>;
}

const TEMPLATE = readFileSync(join(__dirname, "haproxy-forwarder.cfg"), "utf8");
const LISTENER_TEMPLATE = readFileSync(join(__dirname, "haproxy-forwarder-listener.cfg"), "utf8");

/** haproxy.cfg for one node's kube-proxy with externalTrafficPolicy Cluster: node ports to any ready pod. */
export function forwarderHaproxyConfig(props: ForwarderHaproxyConfigProps): string {
  const listeners = props.listeners.map((listener) =>
    fillTemplate(LISTENER_TEMPLATE, {
      name: listener.name,
      nodePort: String(listener.nodePort),
      targetPort: String(listener.targetPort),
      address: props.address,
      servers: props.pods
        .map((pod) => `    server ${pod.node} ${pod.address}:${listener.targetPort} agent-send "${pod.node}\\n"`)
        .join("\n"),
    }),
  );
  return fillTemplate(TEMPLATE, { address: props.address, agentPort: String(props.agentPort), listeners: listeners.join("\n") });
}
