/**
 * The process's worker pool for model work, sized by WORKER_THREADS (config.ts; 0 = none:
 * the work runs on the calling thread). Created on first use; inside a worker thread there is
 * none (a worker does its task's model work itself).
 */
import { isMainThread } from "node:worker_threads";
import { configValue, DEFAULT_WORKER_THREADS } from "../config.ts";
import { workerLocation, type Db } from "../db/client.ts";
import { WorkerPool } from "./pool.ts";

let size: number | undefined;
let pool: WorkerPool | undefined;

function configuredSize(): number {
  try {
    return configValue("WORKER_THREADS");
  } catch {
    return DEFAULT_WORKER_THREADS;
  }
}

/** Set the pool size (server start, CLI). A running pool of another size is closed. */
export function setWorkerThreads(n: number): void {
  if (pool && pool.size !== n) void pool.close();
  if (pool && pool.size !== n) pool = undefined;
  size = n;
}

/** The pool, or null when model work runs on this thread (WORKER_THREADS=0, or this is a worker). */
export function modelPool(): WorkerPool | null {
  if (!isMainThread) return null;
  size ??= configuredSize();
  if (size === 0) return null;
  pool ??= new WorkerPool({ entry: new URL("./entry.mjs", import.meta.url), size });
  return pool;
}

export async function closeModelPool(): Promise<void> {
  await pool?.close();
  pool = undefined;
}

/**
 * Run `task` in the pool, the worker told where to open `db` (`file`: the SQLite file or the
 * PostgreSQL URL), or `here()` on this thread when there is no pool or `db` is one a worker
 * cannot open (an in-memory SQLite database).
 */
export async function inPoolOrHere<T, P = never>(
  db: Db,
  task: string,
  payload: Record<string, unknown>,
  here: () => Promise<T>,
  opts: { lane?: number; onProgress?: (p: P) => void } = {},
): Promise<T> {
  const pool = modelPool();
  const file = pool ? await workerLocation(db) : "";
  if (!pool || !file) return here();
  return pool.run<T, P>(task, { file, ...payload }, opts);
}
