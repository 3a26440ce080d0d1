import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fillTemplate as fill } from "../fill-template";
import type { NlbHealthCheck } from "./nlb-health-check";

/** One listener of the load balancer: a Service port and the node port it reaches on every target. */
export interface NlbListener {
  /** The Service port's name, used as the HAProxy section name. */
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
}

/** A registered target (an instance, here a simulated node). */
export interface NlbTarget {
  readonly name: string;
  readonly address: string;
  /**
   * Registered when the load balancer starts (healthy, as a running NLB's targets are); false for a target slot
   * registered later through the runtime API (`registerTarget`), which starts unhealthy as a new NLB target does.
   * @default true
   */
  readonly registered?: boolean;
}

export interface NlbHaproxyConfigProps {
  /** The load balancer's address, where every listener binds. */
  readonly address: string;
  readonly listeners: readonly NlbListener[];
  readonly targets: readonly NlbTarget[];
  readonly healthCheck: NlbHealthCheck;
  /** Port of the stats page the tests read target states from. */
  readonly statsPort: number;
  /** Path of the runtime API's socket (registration and deregistration of targets). */
  readonly socket: string;
}

const TEMPLATE = readFileSync(join(__dirname, "haproxy-nlb.cfg"), "utf8");
const LISTENER_TEMPLATE = readFileSync(join(__dirname, "haproxy-nlb-listener.cfg"), "utf8");

/**
 * The stand-in's source ports to each target, handed out first in, first out (HAProxy's port ranges): a port comes
 * back only after the rest of its range, tens of seconds under the tests' load. The stand-in is one address for
 * every client, and the kernel's own choice reused a port seconds after a connection attempt had ended; the target
 * node's conntrack then took the new SYN for the old connection and sent it where the old one went (a lost or dead
 * pod's address). Clients behind a real NLB each have their own address and port. The backups, which go to the
 * same addresses, draw from a range of their own.
 */
const SOURCE_PORTS = { server: "10000-39999", backup: "40000-60999" };

/**
 * haproxy.cfg for an HAProxy in `mode tcp` with the NLB's semantics: a new
 * target per connection in turn, the target group's health check (protocol,
 * port, path, interval, thresholds, AWS's fixed timeout), resets on the open
 * connections of a target marked unhealthy, and fail-open to every target when
 * none is healthy.
 */
export function nlbHaproxyConfig(props: NlbHaproxyConfigProps): string {
  if (props.listeners.length === 0 || props.targets.length === 0) {
    throw new Error(`an NLB needs at least one listener and one target (got ${props.listeners.length} and ${props.targets.length})`);
  }
  const check = props.healthCheck;
  const checkOptions =
    check.protocol === "HTTP"
      ? ["option httpchk", `http-check send meth GET uri ${check.path}`, "http-check expect status 200-399"]
      : ["# TCP check: a connection that opens within the timeout passes."];
  const checkPort = check.port === "traffic-port" ? "" : ` port ${check.port}`;
  const listeners = props.listeners.map((listener) =>
    fill(LISTENER_TEMPLATE, {
      ...stringify(listener),
      address: props.address,
      servers: props.targets
        .flatMap((target) => {
          const later = target.registered === false ? " disabled init-state fully-down" : "";
          const open = target.registered === false ? " disabled" : "";
          return [
            `    server ${target.name} ${target.address}:${listener.targetPort} source ${props.address}:${SOURCE_PORTS.server} check${checkPort}${later}`,
            `    server ${target.name}-open ${target.address}:${listener.targetPort} source ${props.address}:${SOURCE_PORTS.backup} backup${open}`,
          ];
        })
        .join("\n"),
    }),
  );
  return fill(TEMPLATE, {
    address: props.address,
    statsPort: String(props.statsPort),
    socket: props.socket,
    timeoutSeconds: String(check.timeoutSeconds),
    intervalSeconds: String(check.intervalSeconds),
    healthyThreshold: String(check.healthyThreshold),
    unhealthyThreshold: String(check.unhealthyThreshold),
    checkOptions: checkOptions.join("\n    "),
    listeners: listeners.join("\n"),
  });
}

function stringify(listener: NlbListener): Record<string, string> {
  return { name: listener.name, port: String(listener.port), targetPort: String(listener.targetPort) };
}
