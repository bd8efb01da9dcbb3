/**
 * The tasks worker threads run (pool.ts sends `{ task, payload }`, gets `{ ok, value | error }`).
 * Everything here is model work or reads: embedding, a report's suggestions (extraction,
 * matching, proposals), a save's derived data (vectors and planned links), and re-analysis of
 * a range of claims. Nothing is written.
 */
import { parentPort } from "node:worker_threads";
import { setSentenceEncoderEnabled } from "../encoder/sentence-encoder.ts";
import { embedHere } from "../domain/matching/claim-vectors.ts";
import { suggestionsFor } from "../domain/ingest/suggestions-for.ts";
import { analyseChunk, type ChunkRequest } from "../domain/matching/reanalyse-chunk.ts";
import { planDerived } from "../domain/matching/suggest-links.ts";
import { readDatabase } from "./read-db.ts";

const tasks: Record<string, (payload: never) => Promise<unknown>> = {
  async embed({ items }: { items: Parameters<typeof embedHere>[0] }) {
    return (await embedHere(items)).map((v) => v ?? null);
  },
  async suggestions({ file, documentId, encoder }: { file: string; documentId: number; encoder: boolean }) {
    setSentenceEncoderEnabled(encoder);
    return suggestionsFor(await readDatabase(file), documentId, throttled(PROGRESS_EVERY_MS));
  },
  async derive({ file, claimIds, encoder }: { file: string; claimIds: number[]; encoder: boolean }) {
    setSentenceEncoderEnabled(encoder);
    return planDerived(await readDatabase(file), claimIds);
  },
  async reanalyse(req: ChunkRequest) {
    return analyseChunk(await readDatabase(req.file), req);
  },
};

/** Progress is posted at most this often (a long report has hundreds of statements to match). */
const PROGRESS_EVERY_MS = 200;

/** A progress callback that posts `{ progress }` to the pool (pool.ts hands it to the task's `onProgress`), at most every `ms`. */
function throttled(ms: number): (p: unknown) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < ms) return;
    last = now;
    parentPort!.postMessage({ progress: p });
  };
}

parentPort!.on("message", ({ task, payload }: { task: string; payload: never }) => void handle(task, payload));

async function handle(task: string, payload: never): Promise<void> {
  try {
    const run = tasks[task];
    if (!run) throw new Error(`unknown worker task "${task}"`);
    parentPort!.postMessage({ ok: true, value: await run(payload) });
  } catch (e) {
    const err = e as Error & { status?: number; code?: string; fields?: unknown };
    parentPort!.postMessage({
      ok: false,
      error: { name: err.name, message: err.message, stack: err.stack, status: err.status, code: err.code, fields: err.fields },
    });
  }
}
