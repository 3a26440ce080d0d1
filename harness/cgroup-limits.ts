import type { IContainer } from "kubernetes-models/v1/Container";
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A container's resource limits, as the kubelet hands them to the runtime. */
export interface ContainerLimits {
  /** CPU in millicores. */
  readonly cpuMillis?: number;
  readonly memoryBytes?: number;
}

const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { "": 1, k: 1e3, M: 1e6, G: 1e9 };

/** A Kubernetes quantity of bytes (`256Mi`, `1G`, `1048576`). */
export function parseBytes(quantity: string | number): number {
  const match = /^(\d+)(Ki|Mi|Gi|k|M|G|)$/.exec(String(quantity));
  if (!match) throw new Error(`memory quantity "${quantity}" is not modelled (use a whole number with Ki, Mi, Gi, k, M or G)`);
  return Number(match[1]) * (BINARY_SUFFIXES[match[2]] ?? DECIMAL_SUFFIXES[match[2]]);
}

/** A Kubernetes CPU quantity in millicores (`1`, `0.5`, `500m`). */
export function parseCpuMillis(quantity: string | number): number {
  const text = String(quantity);
  const millis = /^(\d+)m$/.exec(text);
  if (millis) return Number(millis[1]);
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`CPU quantity "${quantity}" is not modelled`);
  return Math.round(Number(text) * 1000);
}

/** The limits a rendered container declares. */
export function containerLimits(container: IContainer): ContainerLimits {
  const limits = container.resources?.limits ?? {};
  return {
    cpuMillis: limits.cpu === undefined ? undefined : parseCpuMillis(limits.cpu),
    memoryBytes: limits.memory === undefined ? undefined : parseBytes(limits.memory),
  };
}

/** The CFS period runc uses for a CPU limit (100 ms); the quota is the limit's share of it. */
const CFS_PERIOD_US = 100_000;

/** The files that set `limits` in one cgroup: cgroup v2 names, or v1 names by controller. */
export function limitFiles(limits: ContainerLimits, version: 1 | 2): Array<{ controller: "cpu" | "memory"; file: string; value: string }> {
  const files: Array<{ controller: "cpu" | "memory"; file: string; value: string }> = [];
  if (limits.memoryBytes !== undefined) {
    files.push({ controller: "memory", file: version === 2 ? "memory.max" : "memory.limit_in_bytes", value: String(limits.memoryBytes) });
  }
  if (limits.cpuMillis !== undefined) {
    const quota = String((limits.cpuMillis * CFS_PERIOD_US) / 1000);
    if (version === 2) files.push({ controller: "cpu", file: "cpu.max", value: `${quota} ${CFS_PERIOD_US}` });
    else
      files.push(
        { controller: "cpu", file: "cpu.cfs_period_us", value: String(CFS_PERIOD_US) },
        { controller: "cpu", file: "cpu.cfs_quota_us", value: quota },
      );
  }
  return files;
}

const ROOT = "/sys/fs/cgroup";

/**
 * The containers' cgroups, as the kubelet and runc make them: one group per
 * container with its CPU (CFS quota) and memory limits, under a group for
 * this harness inside the harness's own cgroup. cgroup v2 when the unified
 * hierarchy has both controllers, else the v1 hierarchies (Debian's hybrid
 * layout); `removeAll` deletes the groups once their processes have exited.
 */
export class ContainerCgroups {
  readonly version: 1 | 2;
  private readonly created: string[] = [];

  constructor(private readonly name: string) {
    const unified = join(ROOT, "cgroup.controllers");
    const v2 = existsSync(unified) && ["cpu", "memory"].every((c) => readFileSync(unified, "utf8").split(/\s+/).includes(c));
    this.version = v2 ? 2 : 1;
    if (!v2 && !["cpu", "memory"].every((c) => existsSync(join(ROOT, c, "cgroup.procs")))) {
      throw new Error("the harness applies the pods' CPU and memory limits with cgroups: mount cgroup v2 (or v1 cpu and memory)");
    }
  }

  /**
   * Where the harness's group goes: with v1, inside the group of that controller this process runs in; with v2,
   * at the root, the one group that may hold processes and still hand controllers to its children.
   */
  private base(controller: "cpu" | "memory"): string {
    if (this.version === 2) return ROOT;
    const line = readFileSync("/proc/self/cgroup", "utf8")
      .trim()
      .split("\n")
      .find((l) => l.split(":")[1].split(",").includes(controller));
    return join(ROOT, controller, line?.split(":")[2] ?? "/");
  }

  /** Creates the container's groups with its limits; returns the cgroup.procs files a process joins them through. */
  create(container: string, limits: ContainerLimits): string[] {
    const controllers = this.version === 2 ? (["memory"] as const) : (["cpu", "memory"] as const);
    const dirs = new Map<string, string>();
    for (const controller of controllers) {
      const parent = join(this.base(controller), this.name);
      if (!existsSync(parent)) {
        mkdirSync(parent);
        this.created.unshift(parent);
        if (this.version === 2) {
          writeFileSync(join(ROOT, "cgroup.subtree_control"), "+cpu +memory");
          writeFileSync(join(parent, "cgroup.subtree_control"), "+cpu +memory");
        }
      }
      const dir = join(parent, container);
      mkdirSync(dir);
      this.created.unshift(dir);
      dirs.set(controller, dir);
    }
    for (const { controller, file, value } of limitFiles(limits, this.version)) {
      writeFileSync(join(dirs.get(this.version === 2 ? "memory" : controller) ?? "", file), value);
    }
    return [...new Set(dirs.values())].map((d) => join(d, "cgroup.procs"));
  }

  /** Removes every group made (children first); a group whose process still runs is left to the next call. */
  removeAll(): void {
    for (const dir of [...this.created]) {
      try {
        rmdirSync(dir);
        this.created.splice(this.created.indexOf(dir), 1);
      } catch {
        /* still in use or already gone */
      }
    }
  }
}

/** `command args` started inside the given cgroups: a shell joins them, then execs the program (same pid). */
export function inCgroups(procsFiles: readonly string[], command: string, args: readonly string[]): { command: string; args: string[] } {
  const joins = procsFiles.map((_, i) => `echo $$ > "\${${i + 1}}"`).join("; ");
  const script = `${joins}; shift ${procsFiles.length}; exec "$@"`;
  return { command: "sh", args: ["-c", script, "sh", ...procsFiles, command, ...args] };
}
