import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InstanceLock } from "../../scripts/lib/instance-lock";
import { capture } from "../../lib/run";

function lockPath(): string {
  return join(mkdtempSync(join(tmpdir(), "lock-")), "start.lock");
}

describe("InstanceLock", () => {
  it("refuses a second holder while the first runs, naming its pid and details", () => {
    const path = lockPath();
    const first = InstanceLock.acquire(path) as InstanceLock;
    expect(first).toBeInstanceOf(InstanceLock);
    first.describe(["http://198.18.7.2:80/"]);
    const second = InstanceLock.acquire(path);
    expect(second).toMatchObject({ pid: process.pid, details: ["http://198.18.7.2:80/"] });
    first.release();
    expect(existsSync(path)).toBe(false);
    expect(InstanceLock.acquire(path)).toBeInstanceOf(InstanceLock);
  });

  it("takes over the lock of a process that is gone", () => {
    const path = lockPath();
    const gone = capture(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    writeFileSync(path, JSON.stringify({ pid: Number(gone.stdout), startedAt: "", details: [] }));
    const lock = InstanceLock.acquire(path);
    expect(lock).toBeInstanceOf(InstanceLock);
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
  });

  it("takes over an unreadable lock", () => {
    const path = lockPath();
    writeFileSync(path, "");
    expect(InstanceLock.acquire(path)).toBeInstanceOf(InstanceLock);
  });
});
