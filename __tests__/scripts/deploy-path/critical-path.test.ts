import { criticalPath, type Task } from "../../../scripts/lib/deploy-path/critical-path";

const task = (id: string, seconds: number, ...after: string[]): Task => ({ id, seconds, after });
const ids = (tasks: readonly Task[]) => tasks.map((t) => t.id);

describe("criticalPath", () => {
  it("adds up a chain, each step starting when the one before it ends", () => {
    const { total, path } = criticalPath([task("c", 3, "b"), task("a", 1), task("b", 2, "a")]);
    expect(total).toBe(6);
    expect(path.map(({ id, start, end }) => [id, start, end])).toEqual([
      ["a", 0, 1],
      ["b", 1, 3],
      ["c", 3, 6],
    ]);
  });

  it("runs branches side by side and follows the longer one", () => {
    const tasks = [task("a", 1), task("slow", 5, "a"), task("fast", 2, "a"), task("join", 1, "fast", "slow"), task("alone", 4)];
    const { total, path } = criticalPath(tasks);
    expect(total).toBe(7);
    expect(ids(path)).toEqual(["a", "slow", "join"]);
  });

  it("breaks ties by the dependency listed first, then by the task given first", () => {
    expect(ids(criticalPath([task("x", 2), task("y", 2), task("z", 1, "y", "x")]).path)).toEqual(["y", "z"]);
    expect(ids(criticalPath([task("x", 2), task("y", 2)]).path)).toEqual(["x"]);
  });

  it("counts a step of no duration as a point on the path", () => {
    const { total, path } = criticalPath([task("a", 4), task("done", 0, "a")]);
    expect(total).toBe(4);
    expect(path.at(-1)).toMatchObject({ id: "done", start: 4, end: 4 });
  });

  it("is empty for no tasks", () => {
    expect(criticalPath([])).toEqual({ total: 0, path: [] });
  });

  it("refuses an unknown dependency, a cycle and a duplicate id, naming them", () => {
    expect(() => criticalPath([task("a", 1, "ghost")])).toThrow("a waits for unknown task ghost");
    expect(() => criticalPath([task("a", 1, "b"), task("b", 1, "a")])).toThrow(/dependency cycle through [ab]/);
    expect(() => criticalPath([task("a", 1), task("a", 2)])).toThrow("a task id is listed twice: a");
  });
});
