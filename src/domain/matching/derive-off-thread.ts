/**
 * A save's derived data (suggest-links.ts planDerived: vectors and planned links) made in a
 * worker thread, so the index search and the pair classifier never run on the event loop that
 * answers requests — where they used to hold up every page and stretch every write
 * transaction open at the time. The worker reads the committed store through its own
 * read-only connection and keeps its own claim index, caught up on each task; these tasks go
 * to one worker (DERIVE_LANE), apart from a long report's suggestions (lane 0) when the pool
 * has two or more. Without a pool (WORKER_THREADS=0), or on a database a worker cannot open,
 * it runs here.
 */
import { sentenceEncoderEnabled } from "../../encoder/sentence-encoder.ts";
import type { Db } from "../../db/client.ts";
import { inPoolOrHere } from "../../workers/model-pool.ts";
import { planDerived, type DerivedBatch } from "./suggest-links.ts";

export const DERIVE_LANE = 1;

export function derivedOffThread(db: Db, claimIds: number[]): Promise<DerivedBatch[]> {
  return inPoolOrHere<DerivedBatch[]>(db, "derive", { claimIds, encoder: sentenceEncoderEnabled() }, () => planDerived(db, claimIds), { lane: DERIVE_LANE });
}
