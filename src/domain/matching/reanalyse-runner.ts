/**
 * The server's one background re-analysis (the admin page's button): started by an admin,
 * runs reanalyseStore on the worker pool while the server keeps answering, can be stopped
 * (the checkpoint lets a later run resume), and reports its progress for the status panel.
 */
import type { Db } from "../../db/client.ts";
import { ConflictError } from "../../errors.ts";
import { logger } from "../../logger.ts";
import type { Actor } from "../actor.ts";
import { CHECKPOINT_KEY, LAST_RUN_KEY, readCheckpoint, reanalyseStore, type Checkpoint, type ReanalyseProgress } from "./reanalyse-store.ts";

interface Running {
  stop: AbortController;
  progress: ReanalyseProgress | null;
  done: Promise<void>;
}

let running: Running | null = null;
let lastError: string | null = null;

export interface ReanalyseStatus {
  running: boolean;
  progress: ReanalyseProgress | null;
  /** A stopped run's checkpoint (resumable), when nothing runs. */
  interrupted: Checkpoint | null;
  last: Checkpoint | null;
  error: string | null;
}

export async function reanalyseStatus(db: Db): Promise<ReanalyseStatus> {
  return {
    running: running !== null,
    progress: running?.progress ?? null,
    interrupted: running ? null : await readCheckpoint(db, CHECKPOINT_KEY),
    last: await readCheckpoint(db, LAST_RUN_KEY),
    error: lastError,
  };
}

/** Start (or resume) a re-analysis in the background; refused while one runs. */
export function startReanalysis(db: Db, actor: Actor, opts: { restart?: boolean } = {}): void {
  if (running) throw new ConflictError("A re-analysis is already running.");
  const stop = new AbortController();
  const r: Running = { stop, progress: null, done: Promise.resolve() };
  lastError = null;
  r.done = reanalyseStore(db, actor, { restart: opts.restart, signal: stop.signal, progress: (p) => (r.progress = p) })
    .then(() => undefined)
    .catch((err: unknown) => {
      lastError = err instanceof Error ? err.message : String(err);
      logger.warn({ err }, "re-analysis failed; it can be resumed");
    })
    .finally(() => {
      running = null;
    });
  running = r;
}

/** Ask the running re-analysis to stop after the ranges in flight; resolves when it has. */
export async function stopReanalysis(): Promise<void> {
  if (!running) return;
  running.stop.abort();
  await running.done;
}
