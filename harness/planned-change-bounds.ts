import { findContainer, findObject, podTemplate } from "../kubernetes/kubernetes-object";
import { containerStop } from "./controllers/container-stop";
import { disruptionsAllowed } from "./controllers/node-drain";
import { daemonSetStrategy, deploymentStrategy } from "./controllers/rollout-strategy";
import type { HarnessInputs } from "./harness-inputs";
import { failingTargetWindowSeconds } from "./nlb/nlb-health-check";

/**
 * The most requests a planned change may fail, from the rendered
 * configuration alone: 0 when every condition holds, otherwise no bound (the
 * count then depends on the load and the timing), with the conditions unmet.
 */
export interface FailureBound {
  readonly bound: 0 | undefined;
  /** Each condition, as a sentence with its figures. */
  readonly conditions: ReadonlyArray<{ readonly holds: boolean; readonly text: string }>;
}

function bound(conditions: FailureBound["conditions"]): FailureBound {
  return { bound: conditions.every((c) => c.holds) ? 0 : undefined, conditions };
}

/** "bound 0" or "no bound", and the conditions: the line the e2e scenarios print. */
export function describeBound(b: FailureBound): string {
  const list = b.conditions.map((c) => `${c.holds ? "" : "NOT "}${c.text}`).join("; ");
  return `${b.bound === 0 ? "bound 0" : "no bound"} (${list})`;
}

/**
 * What keeps a node's HAProxy pod serving until nothing sends it new
 * connections once it is deleted (by a rollout, `kubectl delete pod`): its
 * preStop pause covers the load balancer's removal of a node whose health
 * check answers 503 (unhealthyThreshold x interval: kube-proxy counts no
 * terminating endpoint), so it holds whether or not a replacement is ready in
 * time; the metadata container pauses as long, or port 5000 fails while
 * HAProxy still serves; the grace period outlasts the pause.
 */
function haproxyPodDrains(inputs: HarnessInputs): FailureBound["conditions"] {
  const { overlay, healthCheck } = inputs;
  const removal = failingTargetWindowSeconds(healthCheck);
  const haproxy = containerStop(overlay.haproxyContainer).preStopSeconds;
  const app = containerStop(overlay.app.container).preStopSeconds;
  const grace = podTemplate(overlay.daemonSet)?.spec?.terminationGracePeriodSeconds ?? 30;
  return [
    {
      holds: haproxy >= removal,
      text: `HAProxy's preStop ${haproxy} s >= the load balancer's removal of a 503 node ${healthCheck.unhealthyThreshold} x ${healthCheck.intervalSeconds} s = ${removal} s`,
    },
    { holds: app >= haproxy, text: `the metadata container's preStop ${app} s >= HAProxy's ${haproxy} s` },
    { holds: grace > haproxy, text: `terminationGracePeriodSeconds ${grace} s > the preStop ${haproxy} s` },
  ];
}

/** A haproxy.cfg change: the DaemonSet rolls every node's pod. */
export function daemonSetRolloutBound(inputs: HarnessInputs, nodes: number): FailureBound {
  const { maxSurge, maxUnavailable } = daemonSetStrategy(inputs.overlay.daemonSet, nodes);
  return bound([
    ...haproxyPodDrains(inputs),
    {
      holds: maxSurge >= 1 && maxUnavailable === 0,
      text: `maxSurge ${maxSurge} >= 1 and maxUnavailable ${maxUnavailable} = 0 (no node is without a ready pod, so none leaves the load balancer)`,
    },
  ]);
}

/** `kubectl delete pod` of one HAProxy pod. */
export function haproxyPodDeletionBound(inputs: HarnessInputs): FailureBound {
  return bound(haproxyPodDrains(inputs));
}

/** The directives of haproxy.cfg's defaults section that retry a request whose nginx refuses the connection. */
function retriesElsewhere(haproxyCfg: string): boolean {
  const defaults = haproxyCfg.split(/^defaults$/m)[1]?.split(/^\S/m)[0] ?? "";
  const retries = Number(/^\s*retries (\d+)/m.exec(defaults)?.[1] ?? 3);
  return retries > 0 && /^\s*option redispatch/m.test(defaults) && /^\s*retry-on .*conn-failure/m.test(defaults);
}

/** Seconds of a `<name> <n>s` line of haproxy.cfg's `resolvers` section (0 when absent). */
function resolverSeconds(haproxyCfg: string, name: string): number {
  const section = haproxyCfg.split(/^resolvers \S+$/m)[1]?.split(/^\S/m)[0] ?? "";
  return Number(new RegExp(`^\\s*${name} (\\d+)s`, "m").exec(section)?.[1] ?? 0);
}

/**
 * What keeps a deleted nginx pod's address answering while HAProxy may still
 * pick it: its preStop pause covers HAProxy's resolvers dropping the address
 * (the next resolution, `hold valid` after the last valid one, then `hold
 * obsolete`: HAProxy's configuration manual, 5.3.2); after that
 * the address vanishes and a connection to it would wait for HAProxy's
 * connect timeout instead of failing over at once.
 */
function nginxPodDrains(inputs: HarnessInputs): FailureBound["conditions"][number] {
  const { haproxyCfg } = inputs.overlay;
  const preStop = containerStop(findContainer(inputs.overlay.nginx, "nginx")).preStopSeconds;
  const [valid, obsolete] = [resolverSeconds(haproxyCfg, "hold valid"), resolverSeconds(haproxyCfg, "hold obsolete")];
  return {
    holds: preStop >= valid + obsolete,
    text: `nginx's preStop ${preStop} s >= HAProxy's hold valid ${valid} s + hold obsolete ${obsolete} s`,
  };
}

/** An nginx Deployment rollout: pods get new addresses, HAProxy follows the DNS. */
export function nginxRolloutBound(inputs: HarnessInputs): FailureBound {
  const { maxUnavailable } = deploymentStrategy(inputs.overlay.nginx);
  return bound([
    { holds: maxUnavailable === 0, text: `the Deployment's maxUnavailable ${maxUnavailable} = 0 (a ready nginx throughout)` },
    nginxPodDrains(inputs),
    {
      holds: retriesElsewhere(inputs.overlay.haproxyCfg),
      text: "haproxy.cfg retries a refused connection on another server (retries > 0, option redispatch, retry-on conn-failure), for the seconds until its resolvers drop a deleted pod's address",
    },
  ]);
}

/** A node replaced as a managed node group update does it. */
export function nodeReplacementBound(inputs: HarnessInputs): FailureBound {
  const { overlay } = inputs;
  const { replicas } = deploymentStrategy(overlay.nginx);
  const budget = findObject(overlay.objects, "PodDisruptionBudget", overlay.nginx.metadata.name);
  const allowed = disruptionsAllowed(budget, replicas);
  return bound([
    {
      holds: allowed >= 1 && allowed < replicas,
      text: `the nginx PodDisruptionBudget allows ${allowed} of ${replicas} replicas out at once (>= 1: the drain proceeds; < ${replicas}: one keeps serving)`,
    },
    nginxPodDrains(inputs),
    {
      holds: retriesElsewhere(overlay.haproxyCfg),
      text: "haproxy.cfg retries a refused connection on another server while an evicted nginx's address leaves the DNS",
    },
  ]);
}
