import { setTimeout as sleep } from "node:timers/promises";
import type { ReadinessProbe } from "./kube-proxy/readiness-probe";
import { httpProbe, ReadinessState } from "./kube-proxy/readiness-probe";
import type { ContainerStop } from "./controllers/container-stop";
import { stopSchedule } from "./controllers/container-stop";
import type { ManagedProcess } from "./managed-process";
import type { TestHost } from "./test-network";

/** One container of a pod as the harness runs it. */
export interface ContainerRun {
  readonly name: string;
  /** Starts the container's program (in the pod's namespace and cgroups); called again on a restart. */
  readonly start: () => ManagedProcess;
  /** Its readiness probe; a container without one is ready while it runs. */
  readonly probe?: ReadinessProbe;
  readonly stop: ContainerStop;
}

/** A pod: its own network namespace (its address), its containers, the kubelet's probes of them. */
export interface PodRun {
  readonly name: string;
  readonly nodeName: string;
  readonly host: TestHost;
  readonly containers: readonly ContainerRun[];
  readonly terminationGracePeriodSeconds: number;
}

/**
 * A running pod and the kubelet's side of it: readiness probes every period
 * (also while the pod terminates, which is what the `serving` condition
 * reports), and a graceful deletion that stops each container as the kubelet
 * does (preStop, the image's stop signal, SIGKILL at the end of the grace
 * period; containers in parallel). `onChange` hears every change of
 * readiness, deletion and exit, as the API server would.
 */
export class Pod {
  readonly processes = new Map<string, ManagedProcess>();
  private readonly states = new Map<string, ReadinessState>();
  private readonly timers: NodeJS.Timeout[] = [];
  terminating = false;
  exited = false;
  #gone: Promise<void> | undefined;
  /** Ends the preStop pauses when the pod is killed. */
  private readonly killed = new AbortController();

  constructor(
    readonly run: PodRun,
    private readonly onChange: (pod: Pod) => void,
  ) {}

  /** Starts the containers and the kubelet's probes of them. */
  start(): void {
    for (const container of this.run.containers) {
      this.processes.set(container.name, container.start());
      if (!container.probe) continue;
      const probe = container.probe;
      const state = new ReadinessState(probe);
      this.states.set(container.name, state);
      const once = async () => {
        const ok = this.processes.get(container.name)?.running === true && (await httpProbe(this.run.host.ip, probe));
        if (state.record(ok) && !this.exited) this.onChange(this);
      };
      void once();
      this.timers.push(setInterval(() => void once(), probe.periodSeconds * 1000));
    }
  }

  get name(): string {
    return this.run.name;
  }

  get address(): string {
    return this.run.host.ip;
  }

  /** The pod's Ready condition: every probed container ready and every container running. */
  get ready(): boolean {
    return !this.exited && [...this.processes.values()].every((p) => p.running) && [...this.states.values()].every((s) => s.ready);
  }

  /** The program of a container. */
  container(name: string): ManagedProcess {
    const process = this.processes.get(name);
    if (!process) throw new Error(`pod ${this.name} has no container ${name}`);
    return process;
  }

  /** A container dies (the signal's own meaning: SIGTERM is HAProxy's hard stop). */
  async killContainer(name: string, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    await this.container(name).stop(signal);
  }

  /** The kubelet restarts a container in place (same pod, same address). */
  async restartContainer(name: string): Promise<void> {
    await this.container(name).stop("SIGTERM");
    const spec = this.run.containers.find((c) => c.name === name);
    if (spec) this.processes.set(name, spec.start());
  }

  /** Deletes the pod gracefully; resolves once the deletion is recorded. `gone()` then waits for the containers. */
  delete(): { gone: Promise<void> } {
    if (!this.#gone) {
      this.terminating = true;
      this.onChange(this);
      this.#gone = Promise.all(this.run.containers.map((c) => this.stopContainer(c))).then(() => this.finish());
    }
    return { gone: this.#gone };
  }

  /** Stops the probes and kills whatever still runs, at once (the node is gone, or the harness stops). */
  async kill(): Promise<void> {
    this.killed.abort();
    await Promise.all([...this.processes.values()].map((p) => p.stop("SIGKILL", 2000)));
    this.finish();
  }

  private async stopContainer(container: ContainerRun): Promise<void> {
    const process = this.container(container.name);
    const { signalAfterMs, killAfterMs } = stopSchedule(container.stop, this.run.terminationGracePeriodSeconds);
    await sleep(signalAfterMs, undefined, { signal: this.killed.signal }).catch(() => undefined);
    if (!process.running) return;
    await process.stop(container.stop.signal, killAfterMs - signalAfterMs);
  }

  /** Stops the probes and the pending preStop pauses, synchronously (the harness is being torn down). */
  dispose(): void {
    this.killed.abort();
    this.timers.forEach(clearInterval);
  }

  private finish(): void {
    this.timers.forEach(clearInterval);
    if (this.exited) return;
    this.exited = true;
    this.onChange(this);
  }
}
