/**
 * A batch of reports, as the API's NDJSON POST /ingest and the CLI's `ingest` take it: each
 * report ingested in its own transaction and in order, so a bad one fails alone (what committed
 * stays committed) and the same report twice is counted as a duplicate, not stored again.
 */
import { inTransaction, type Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { t } from "../../i18n/index.ts";
import { parse } from "../../validation/parse.ts";
import type { Actor } from "../actor.ts";
import type { IngestResult } from "./ingest-report.ts";
import { ingestRequest, prepareRequest } from "./ingest-request.ts";
import { ingestRequestSchema } from "./schema.ts";

/** One NDJSON line and its number (from 1). */
export interface ReportLine {
  line: number;
  text: string;
}

/** The non-blank lines of an NDJSON text, numbered as in the text. */
export function reportLines(ndjson: string): ReportLine[] {
  return ndjson
    .split(/\r?\n/)
    .map((text, i) => ({ text, line: i + 1 }))
    .filter((l) => l.text.trim());
}

/** One NDJSON line as a report: JSON (400 if not), checked by the ingest schema (422), ingested in its own transaction. */
export async function ingestReportLine(db: Db, actor: Actor, text: string, defaults: { publisherId?: number | null } = {}): Promise<IngestResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(t("errors.lineJson"), 400, "bad_request");
  }
  const input = parse(ingestRequestSchema, json);
  const prepared = await prepareRequest(input); // read (a PDF, say) before the write transaction
  return inTransaction(db, (tx) => ingestRequest(tx, actor, input, defaults, prepared));
}

export interface BatchCounts {
  ingested: number;
  duplicates: number;
  failed: number;
}

export interface BatchHandlers<T> {
  /** After each stored or recognised report; a throw here counts the item as failed too. */
  ingested(item: T, index: number, result: IngestResult): unknown;
  /** After each failed item; rethrow to stop the batch (an unexpected error). */
  failed(item: T, index: number, err: unknown): void;
  /** Asked before each item: true stops the batch (e.g. the client went away). */
  stop?(): boolean;
}

/**
 * Ingests each item in order with `ingest` (each its own transaction) and tallies the outcomes.
 * `stopped` is true when `stop` ended the batch early.
 */
export async function ingestBatch<T>(
  items: readonly T[],
  ingest: (item: T) => Promise<IngestResult>,
  on: BatchHandlers<T>,
): Promise<BatchCounts & { stopped: boolean }> {
  const counts: BatchCounts = { ingested: 0, duplicates: 0, failed: 0 };
  for (const [i, item] of items.entries()) {
    if (on.stop?.()) return { ...counts, stopped: true };
    try {
      const result = await ingest(item);
      counts[result.duplicate ? "duplicates" : "ingested"] += 1;
      await on.ingested(item, i, result);
    } catch (err) {
      counts.failed += 1;
      on.failed(item, i, err);
    }
  }
  return { ...counts, stopped: false };
}
