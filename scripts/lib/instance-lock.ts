import { readFileSync, rmSync, writeFileSync } from "node:fs";

/** What the running instance wrote into its lock: who holds it and what it serves. */
export interface LockHolder {
  readonly pid: number;
  readonly startedAt: string;
  /** Lines a second instance shows the user, e.g. the URLs; empty while starting. */
  readonly details: readonly string[];
}

/**
 * One running instance per lock file: created exclusively, holding the
 * holder's pid. A lock whose process is gone (killed with SIGKILL, a crash) is
 * taken over.
 */
export class InstanceLock {
  private held = false;

  private constructor(readonly path: string) {}

  /** Takes the lock, or returns who holds it. */
  static acquire(path: string): InstanceLock | LockHolder {
    for (let attempt = 0; attempt < 2; attempt++) {
      const lock = new InstanceLock(path);
      if (lock.tryCreate()) return lock;
      const holder = readHolder(path);
      if (holder && alive(holder.pid)) return holder;
      rmSync(path, { force: true });
    }
    throw new Error(`could not take the lock ${path}`);
  }

  /** Records lines (e.g. the URLs) that a second instance shows. */
  describe(details: readonly string[]): void {
    if (this.held) writeFileSync(this.path, JSON.stringify(this.holder(details)));
  }

  release(): void {
    if (this.held) rmSync(this.path, { force: true });
    this.held = false;
  }

  private tryCreate(): boolean {
    try {
      writeFileSync(this.path, JSON.stringify(this.holder([])), { flag: "wx" });
      this.held = true;
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw error;
    }
  }

  private holder(details: readonly string[]): LockHolder {
    return { pid: process.pid, startedAt: new Date().toISOString(), details };
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
