/**
 * A small pool of worker threads for model work (embedding, extraction, matching), so the
 * event loop that answers requests never runs it. Workers start lazily (one more only when
 * every running one is busy, up to `size`), each runs one task at a time, and idle workers do
 * not keep the process alive.
 *
 * A worker that dies (an uncaught error, out of memory, process.exit) fails the task it was
 * running with a WorkerCrashedError that says so — never a hang — and is replaced on the next
 * task. A task may name a `lane`: tasks of one lane always go to the same worker, so state a
 * worker builds for them (the claim index an ingest's matching needs) is built once, not once
 * per worker.
 */
import { Worker } from "node:worker_threads";
import { AppError } from "../errors.ts";
import { logger } from "../logger.ts";

export class WorkerCrashedError extends Error {
  constructor(task: string, why: string) {
    super(`The background worker running "${task}" stopped (${why}); the task did not finish. It is restarted for the next task.`);
    this.name = "WorkerCrashedError";
  }
}

interface WorkerError {
  message: string;
  name: string;
  stack?: string;
  status?: number;
  code?: string;
  fields?: Record<string, string>;
}

/** The worker's error on this side: a typed AppError stays one (the error handler maps it), others keep their name and stack. */
function rebuild(e: WorkerError | undefined): Error {
  if (e?.status !== undefined && e.code !== undefined) return Object.assign(new AppError(e.message, e.status, e.code, e.fields), { name: e.name });
  return Object.assign(new Error(e?.message ?? "worker task failed"), { name: e?.name ?? "Error", stack: e?.stack });
}

interface Job {
  task: string;
  payload: unknown;
  lane?: number;
  onProgress?: (p: unknown) => void;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  busy: Job | null;
  nextId: number;
}

export interface WorkerPoolOptions {
  /** Module the workers run (an .mjs that registers tsx, then imports the TypeScript handlers). */
  entry: URL;
  size: number;
}

export class WorkerPool {
  readonly size: number;
  private readonly entry: URL;
  private slots: Array<Slot | undefined> = [];
  private queue: Job[] = [];
  private closed = false;

  constructor(opts: WorkerPoolOptions) {
    this.entry = opts.entry;
    this.size = Math.max(1, opts.size);
  }

  /**
   * Run `task` with `payload` on a worker; resolves with its result or rejects with its error.
   * `onProgress` receives what the task reports on the way (handlers.ts `progress`).
   */
  run<T, P = never>(task: string, payload: unknown, opts: { lane?: number; onProgress?: (p: P) => void } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error("The worker pool is closed."));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        task,
        payload,
        lane: opts.lane === undefined ? undefined : opts.lane % this.size,
        onProgress: opts.onProgress as ((p: unknown) => void) | undefined,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.dispatch();
    });
  }

  /** Workers currently started (for status pages and tests). */
  get started(): number {
    return this.slots.filter(Boolean).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error("The worker pool is closed."));
    await Promise.all(this.slots.flatMap((s) => (s ? [s.worker.terminate()] : [])));
    this.slots = [];
  }

  private dispatch(): void {
    for (let i = 0; i < this.queue.length;) {
      const job = this.queue[i];
      const slot = this.slotFor(job);
      if (!slot) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.start(slot, job);
    }
  }

  /** A free worker for this job (started if need be), or undefined to wait. */
  private slotFor(job: Job): Slot | undefined {
    if (job.lane !== undefined) {
      const s = this.slots[job.lane] ?? this.spawn(job.lane);
      return s.busy ? undefined : s;
    }
    const free = this.slots.find((s) => s && !s.busy);
    if (free) return free;
    for (let i = 0; i < this.size; i++) if (!this.slots[i]) return this.spawn(i);
    return undefined;
  }

  private spawn(i: number): Slot {
    // execArgv [] : the entry registers tsx itself, whatever the parent was started with (vitest, --import tsx)
    const worker = new Worker(this.entry, { execArgv: [] });
    worker.unref();
    const slot: Slot = { worker, busy: null, nextId: 0 };
    this.slots[i] = slot;
    worker.on("message", (m: { ok: boolean; value?: unknown; error?: WorkerError; progress?: unknown }) => {
      if ("progress" in m) {
        slot.busy?.onProgress?.(m.progress); // on the way; the task goes on
        return;
      }
      const job = slot.busy;
      slot.busy = null;
      worker.unref();
      if (job) {
        if (m.ok) job.resolve(m.value);
        else job.reject(rebuild(m.error));
      }
      this.dispatch();
    });
    const died = (why: string) => {
      if (this.slots[i] !== slot) return;
      this.slots[i] = undefined;
      const job = slot.busy;
      slot.busy = null;
      if (!this.closed) logger.warn({ why, task: job?.task }, "worker thread stopped; it is replaced on the next task");
      job?.reject(new WorkerCrashedError(job.task, why));
      if (!this.closed) this.dispatch();
    };
    worker.on("error", (err) => died(err instanceof Error ? err.message : String(err)));
    worker.on("exit", (code) => died(`exit code ${code}`));
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.busy = job;
    slot.worker.ref(); // a task in flight keeps the process alive
    slot.worker.postMessage({ task: job.task, payload: job.payload });
  }
}
