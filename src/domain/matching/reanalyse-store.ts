/**
 * Re-analyse the whole store: matching (suggested links) and stance conflicts for every
 * claim, after a retrained model or a changed alias list. Ranges of claims are analysed in
 * parallel by the worker pool (each worker keeps its own claim index, built once); the main
 * thread writes what changed in one short transaction per range, in id order, together with
 * a checkpoint (Setting row `reanalyse.checkpoint`). An interrupted run (Ctrl-C, a stopped
 * server) resumes after the last range written. Analysts' decisions are never touched: a
 * confirmed or rejected link is left alone (linkChanges), conflict statuses follow
 * reanalyseClaim's rules (a dismissal survives unless the evidence changed), verdicts are not
 * read at all.
 */
import { inTransaction, workerLocation, type Db } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { reanalyseClaim } from "../conflicts/reanalyse-claim.ts";
import { modelPool } from "../../workers/model-pool.ts";
import { analyseChunk, type ChunkRequest, type ChunkResult } from "./reanalyse-chunk.ts";
import { writeLinks } from "./suggest-links.ts";

export const CHECKPOINT_KEY = "reanalyse.checkpoint";
export const LAST_RUN_KEY = "reanalyse.last";
/** Claims per range: big enough that a worker's per-range queries are few, small enough for short write transactions. */
export const CHUNK = 500;

export interface Checkpoint {
  /** Claims up to this id are done. */
  lastId: number;
  done: number;
  total: number;
  startedAt: string;
  updatedAt: string;
  linksWritten: number;
  conflictsUpdated: number;
}

export interface ReanalyseProgress extends Checkpoint {
  /** Seconds since this process started (or resumed) the run. */
  elapsedS: number;
  /** Estimated seconds left, from this process's rate so far. */
  etaS: number | null;
}

export interface ReanalyseOptions {
  /** Start over instead of resuming a stored checkpoint. */
  restart?: boolean;
  /** Stop after the ranges in flight are written (Ctrl-C): the checkpoint lets a later run resume. */
  signal?: AbortSignal;
  progress?: (p: ReanalyseProgress) => void;
  /** Ranges analysed at once (default: the pool's size; 1 without a pool). */
  parallel?: number;
  /** Claims per range (default CHUNK). */
  chunk?: number;
}

export interface ReanalyseResult extends Checkpoint {
  finished: boolean;
  resumed: boolean;
  seconds: number;
}

export async function readCheckpoint(db: Db, key = CHECKPOINT_KEY): Promise<Checkpoint | null> {
  const row = await db.setting.findUnique({ where: { key } });
  return row ? (JSON.parse(row.value) as Checkpoint) : null;
}

export async function reanalyseStore(db: Db, actor: Actor, opts: ReanalyseOptions = {}): Promise<ReanalyseResult> {
  const t0 = performance.now();
  const prior = opts.restart ? null : await readCheckpoint(db);
  const now = () => new Date().toISOString();
  const where = { mergedIntoId: null };
  const all = await db.claim.findMany({ where, select: { id: true }, orderBy: { id: "asc" } });
  const state: Checkpoint = prior
    ? { ...prior, total: prior.done + all.filter((c) => c.id > prior.lastId).length }
    : { lastId: 0, done: 0, total: all.length, startedAt: now(), updatedAt: now(), linksWritten: 0, conflictsUpdated: 0 };
  const todo = all.filter((c) => c.id > state.lastId).map((c) => c.id);
  const chunks: number[][] = [];
  const size = Math.max(1, opts.chunk ?? CHUNK);
  for (let i = 0; i < todo.length; i += size) chunks.push(todo.slice(i, i + size));

  const pool = modelPool();
  const file = await workerLocation(db);
  const analyse = (ids: number[]): Promise<ChunkResult> => {
    const req: ChunkRequest = { file, ids };
    return pool && file ? pool.run<ChunkResult>("reanalyse", req) : analyseChunk(db, req);
  };
  const parallel = Math.max(1, opts.parallel ?? pool?.size ?? 1);
  const doneAtStart = state.done;
  const report = () => {
    const elapsedS = (performance.now() - t0) / 1000;
    const rate = (state.done - doneAtStart) / Math.max(elapsedS, 1e-3);
    opts.progress?.({ ...state, elapsedS, etaS: rate > 0 ? (state.total - state.done) / rate : null });
  };

  // Ranges are analysed `parallel` at a time and written strictly in order, so the checkpoint
  // always means "everything up to lastId is done".
  const inFlight: Array<Promise<ChunkResult>> = [];
  let next = 0;
  const fill = () => {
    while (!opts.signal?.aborted && next < chunks.length && inFlight.length < parallel) inFlight.push(analyse(chunks[next++]));
  };
  fill();
  report();
  while (inFlight.length) {
    const result = await inFlight.shift()!;
    fill();
    const lastId = result.ids[result.ids.length - 1];
    const written = await inTransaction(db, async (tx) => {
      const links = await writeLinks(tx, actor, result.links);
      for (const id of result.conflictClaims) await reanalyseClaim(tx, actor, id);
      const cp: Checkpoint = {
        ...state,
        lastId,
        done: state.done + result.ids.length,
        updatedAt: now(),
        linksWritten: state.linksWritten + links,
        conflictsUpdated: state.conflictsUpdated + result.conflictClaims.length,
      };
      await tx.setting.upsert({
        where: { key: CHECKPOINT_KEY },
        create: { key: CHECKPOINT_KEY, value: JSON.stringify(cp) },
        update: { value: JSON.stringify(cp) },
      });
      return cp;
    });
    Object.assign(state, written);
    report();
  }
  const finished = next >= chunks.length;
  if (finished) {
    await inTransaction(db, async (tx) => {
      await tx.setting.deleteMany({ where: { key: CHECKPOINT_KEY } });
      const last = { ...state, updatedAt: now() };
      await tx.setting.upsert({
        where: { key: LAST_RUN_KEY },
        create: { key: LAST_RUN_KEY, value: JSON.stringify(last) },
        update: { value: JSON.stringify(last) },
      });
    });
  }
  return { ...state, finished, resumed: prior !== null, seconds: (performance.now() - t0) / 1000 };
}
