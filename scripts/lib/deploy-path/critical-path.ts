/** One step of a deploy or destroy: how long it takes and what must be done before it starts. */
export interface Task {
  readonly id: string;
  readonly seconds: number;
  readonly after: readonly string[];
}

/** A step on the critical path, with when it starts and ends counted from the beginning. */
export interface TimedTask extends Task {
  readonly start: number;
  readonly end: number;
}

/** The longest chain of steps, which sets how long the whole run takes when everything else runs beside it. */
export interface CriticalPath {
  readonly total: number;
  readonly path: readonly TimedTask[];
}

/**
 * Earliest start and end of every task when each starts as soon as all it
 * waits for are done (Terraform's walk with unlimited parallelism), and the
 * chain that ends last, through to a step nothing else waits for. Ties go to
 * the dependency listed first, then to the task given first. Refuses an unknown
 * dependency and a cycle, naming them.
 */
export function criticalPath(tasks: readonly Task[]): CriticalPath {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  if (byId.size !== tasks.length) throw new Error(`a task id is listed twice: ${duplicate(tasks.map((t) => t.id))}`);
  const ends = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  const visiting = new Set<string>();
  const end = (id: string): number => {
    const known = ends.get(id);
    if (known !== undefined) return known;
    const task = byId.get(id);
    if (!task) throw new Error(`unknown task ${id}`);
    if (visiting.has(id)) throw new Error(`dependency cycle through ${id}`);
    visiting.add(id);
    let start = 0;
    let from: string | undefined;
    for (const before of task.after) {
      if (!byId.has(before)) throw new Error(`${id} waits for unknown task ${before}`);
      const done = end(before);
      if (from === undefined || done > start) {
        from = before;
        start = done;
      }
    }
    visiting.delete(id);
    ends.set(id, start + task.seconds);
    via.set(id, from);
    return start + task.seconds;
  };
  tasks.forEach((task) => end(task.id));
  if (tasks.length === 0) return { total: 0, path: [] };
  const total = Math.max(...tasks.map((task) => ends.get(task.id) as number));
  // Among the tasks that end last, one that none of the others waits for: the path runs to the end of a chain.
  const finishing = tasks.filter((task) => ends.get(task.id) === total);
  const last = finishing.find((task) => !finishing.some((other) => other.after.includes(task.id))) as Task;
  const path: TimedTask[] = [];
  for (let id: string | undefined = last.id; id !== undefined; id = via.get(id)) {
    const task = byId.get(id) as Task;
    const finish = ends.get(id) as number;
    path.unshift({ ...task, start: finish - task.seconds, end: finish });
  }
  return { total, path };
}

function duplicate(ids: readonly string[]): string {
  return ids.find((id, i) => ids.indexOf(id) !== i) ?? "";
}
