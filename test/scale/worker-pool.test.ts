/** The worker pool survives its workers: a crash fails that task with a clear error (never a hang) and the next task gets a new worker. */
import { afterAll, describe, expect, it } from "vitest";
import { WorkerCrashedError, WorkerPool } from "../../src/workers/pool.ts";

const pool = new WorkerPool({ entry: new URL("../fixtures/crash-worker.mjs", import.meta.url), size: 2 });
afterAll(() => pool.close());

describe("worker pool", () => {
  it("when a worker exits in the middle of a task, then that task fails with a WorkerCrashedError naming it, and the next tasks run on a new worker", async () => {
    expect(await pool.run("echo", 1)).toBe(1);
    const crashed = pool.run("exit", null);
    await expect(crashed).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(crashed).rejects.toThrow(/"exit" stopped \(exit code 3\)/);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run("echo", n)));
    expect(answers).toEqual([1, 2, 3, 4, 5]);
  });

  it("when a worker dies of an uncaught error, then the task fails with that error's message and the pool keeps working", async () => {
    await expect(pool.run("throw", null)).rejects.toThrow(/"throw" stopped \(uncaught in worker\)/);
    expect(await pool.run("echo", "after")).toBe("after");
  });

  it("when a task fails inside a healthy worker, then only that task is rejected, with the worker's message", async () => {
    const [bad, good] = await Promise.allSettled([pool.run("fail", "x"), pool.run("echo", "y")]);
    expect(bad).toMatchObject({ status: "rejected", reason: { message: "failed on x" } });
    expect(good).toMatchObject({ status: "fulfilled", value: "y" });
  });

  it("when tasks name a lane, then they queue for that one worker and all finish", async () => {
    const answers = await Promise.all([1, 2, 3].map((n) => pool.run("echo", n, { lane: 0 })));
    expect(answers).toEqual([1, 2, 3]);
  });

  it("when a task reports progress on the way, then onProgress receives each report in order before the task resolves, and the worker takes the next task", async () => {
    const seen: number[] = [];
    expect(await pool.run<number, number>("count", 4, { lane: 1, onProgress: (p) => seen.push(p) })).toBe(4);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(await pool.run("echo", "next", { lane: 1 })).toBe("next");
  });
});
