import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on every Linux architecture in use). */
const USER_HZ = 100;

/** `pid` and every process descended from it, from /proc. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const children = parents.get(stat.ppid) ?? [];
    children.push(Number(entry));
    parents.set(stat.ppid, children);
  }
  const tree: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    tree.push(next);
    queue.push(...(parents.get(next) ?? []));
  }
  return tree;
}

/** CPU seconds (user + system) the processes have used so far; a process that has exited counts 0. */
export function cpuSeconds(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => {
    const stat = readStat(pid);
    return sum + (stat ? (stat.utime + stat.stime) / USER_HZ : 0);
  }, 0);
}

function readStat(pid: number): { ppid: number; utime: number; stime: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields after it start past the last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]) };
}
