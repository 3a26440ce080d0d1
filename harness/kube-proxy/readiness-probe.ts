import { get } from "node:http";
import type { IContainer } from "kubernetes-models/v1/Container";

/** An HTTP readiness probe as declared on a container, with the Kubernetes API's defaults applied. */
export interface ReadinessProbe {
  readonly path: string;
  readonly port: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

/**
 * The readiness probe of a rendered container, its named port resolved from the
 * container's ports and unset fields given the API's defaults (period 10 s,
 * timeout 1 s, success threshold 1, failure threshold 3).
 */
export function readinessProbe(container: IContainer): ReadinessProbe {
  const probe = container.readinessProbe;
  if (!probe?.httpGet) throw new Error(`container ${container.name} has no httpGet readiness probe`);
  const { port, path } = probe.httpGet;
  const number = typeof port === "number" ? port : container.ports?.find((p) => p.name === port)?.containerPort;
  if (number === undefined) throw new Error(`container ${container.name}: readiness probe port ${port} names no container port`);
  return {
    path: path ?? "/",
    port: number,
    periodSeconds: probe.periodSeconds ?? 10,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    successThreshold: probe.successThreshold ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  };
}

/**
 * The kubelet's bookkeeping of one readiness probe: a container starts not
 * ready, becomes ready after `successThreshold` consecutive successes and not
 * ready after `failureThreshold` consecutive failures.
 */
export class ReadinessState {
  ready = false;
  private successes = 0;
  private failures = 0;

  constructor(private readonly probe: Pick<ReadinessProbe, "successThreshold" | "failureThreshold">) {}

  /** Records one probe result; returns true when readiness changed. */
  record(ok: boolean): boolean {
    this.successes = ok ? this.successes + 1 : 0;
    this.failures = ok ? 0 : this.failures + 1;
    const next = this.ready ? this.failures < this.probe.failureThreshold : this.successes >= this.probe.successThreshold;
    const changed = next !== this.ready;
    this.ready = next;
    return changed;
  }
}

/**
 * The longest time from a container failing (its probe answers an error at
 * once) until it is not ready: the last success was at most one period before
 * the failure, then `failureThreshold` failed probes one period apart.
 */
export function readinessFailureWindowSeconds(probe: ReadinessProbe): number {
  return probe.failureThreshold * probe.periodSeconds;
}

/** The kubelet's HTTP probe: success is a status from 200 to 399 within the timeout. */
export function httpProbe(host: string, probe: Pick<ReadinessProbe, "path" | "port" | "timeoutSeconds">): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get({ host, port: probe.port, path: probe.path, agent: false, timeout: probe.timeoutSeconds * 1000 }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status >= 200 && status < 400);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve(false));
  });
}
