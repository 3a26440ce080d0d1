import type { IContainer } from "kubernetes-models/v1/Container";

/**
 * The stop signal of each image the pods run, from the image's own Dockerfile:
 * docker-library/haproxy (3.2/alpine/Dockerfile) sets STOPSIGNAL SIGUSR1,
 * HAProxy's soft stop; nginxinc/docker-nginx-unprivileged
 * (stable/alpine/Dockerfile) SIGQUIT, nginx's graceful shutdown;
 * docker-library/node sets none, so the runtime sends SIGTERM.
 */
const STOP_SIGNALS: Readonly<Record<string, NodeJS.Signals>> = {
  haproxy: "SIGUSR1",
  "nginxinc/nginx-unprivileged": "SIGQUIT",
  node: "SIGTERM",
};

/** The kubelet's minimum time between the stop signal and SIGKILL (pkg/kubelet/kuberuntime, minimumGracePeriodInSeconds). */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

/** How the kubelet stops one container of a pod being deleted. */
export interface ContainerStop {
  /** The preStop hook's sleep (lifecycle.preStop.sleep.seconds); 0 without a hook. */
  readonly preStopSeconds: number;
  /** The image's stop signal. */
  readonly signal: NodeJS.Signals;
}

/** The image's repository: `haproxy:3.2-alpine` -> haproxy, `registry:5000/a/b:1@sha256:..` -> a/b. */
function repository(image: string): string {
  const name = image.split("@")[0].replace(/:[^/]*$/, "");
  const parts = name.split("/");
  return (parts.length > 1 && /[.:]/.test(parts[0]) ? parts.slice(1) : parts).join("/");
}

/** A container's stop as the kubelet carries it out; refuses what the harness does not model. */
export function containerStop(container: IContainer): ContainerStop {
  const signal = STOP_SIGNALS[repository(container.image ?? "")];
  if (!signal)
    throw new Error(`container ${container.name}: no stop signal known for image ${container.image} (add its Dockerfile's STOPSIGNAL)`);
  const hook = container.lifecycle?.preStop;
  if (hook && !hook.sleep) throw new Error(`container ${container.name}: only a preStop sleep is modelled`);
  return { preStopSeconds: hook?.sleep?.seconds ?? 0, signal };
}

/**
 * When the kubelet acts after a pod's deletion
 * (pkg/kubelet/kuberuntime/kuberuntime_container.go, killContainer): the
 * preStop hook runs for at most the grace period; what it used is taken off,
 * with at least MINIMUM_GRACE_PERIOD_SECONDS left; then the stop signal, and
 * SIGKILL once that time is up.
 */
export function stopSchedule(stop: ContainerStop, terminationGracePeriodSeconds: number): { signalAfterMs: number; killAfterMs: number } {
  const preStop = Math.min(stop.preStopSeconds, terminationGracePeriodSeconds);
  const left = Math.max(MINIMUM_GRACE_PERIOD_SECONDS, terminationGracePeriodSeconds - preStop);
  return { signalAfterMs: preStop * 1000, killAfterMs: (preStop + left) * 1000 };
}
