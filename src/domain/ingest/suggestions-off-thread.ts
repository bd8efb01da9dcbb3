/**
 * A document's suggestions (suggestions-for.ts: extraction, matching, proposals) computed in
 * a worker thread, so a long report never holds the event loop (a 195,000-character report
 * took 27.6 s on the main thread, with the server answering nobody meanwhile). The worker reads
 * the committed store through its own connection and keeps its own claim index; suggestions
 * always go to the same worker (lane 0) so that index is built once. Without a pool
 * (WORKER_THREADS=0) it runs here, as before.
 */
import { sentenceEncoderEnabled } from "../../encoder/sentence-encoder.ts";
import { inPoolOrHere } from "../../workers/model-pool.ts";
import type { Db } from "../../db/client.ts";
import { suggestionsFor, type DocumentSuggestions, type SuggestionsProgress } from "./suggestions-for.ts";

export const SUGGESTIONS_LANE = 0;

export function suggestionsOffThread(db: Db, documentId: number, onProgress?: (p: SuggestionsProgress) => void): Promise<DocumentSuggestions> {
  return inPoolOrHere<DocumentSuggestions, SuggestionsProgress>(
    db,
    "suggestions",
    { documentId, encoder: sentenceEncoderEnabled() },
    () => suggestionsFor(db, documentId, onProgress),
    { lane: SUGGESTIONS_LANE, onProgress },
  );
}
