/**
 * One report file as uploaded (page, API multipart, API/NDJSON base64, CLI): its format
 * from the file name (or the MIME type the client sent, or the bytes' signature), then
 * ingestReport. A file of another kind is refused on the `file` field. `prepareFile` reads
 * it without the database, so callers read before they open the write transaction.
 */
import type { Tx } from "../../db/client.ts";
import { ValidationError } from "../../errors.ts";
import { formatOfFile, SUPPORTED_FILES } from "../../extract/formats/index.ts";
import type { Actor } from "../actor.ts";
import { ingestReport, prepareReport, type IngestResult, type PreparedReport } from "./ingest-report.ts";
import { resolvePublisher } from "./resolve-publisher.ts";

export interface IngestFileInput {
  bytes: Uint8Array;
  fileName: string;
  /** The Content-Type the client gave the file, used only when the name has no known extension. */
  mimeType?: string | null;
  title?: string | null;
  url?: string | null;
  /** A source id, or a source key. */
  publisher?: number | string | null;
  publishedAt?: Date | null;
  language?: string | null;
}

export const UNSUPPORTED_FILE = `Upload ${SUPPORTED_FILES}.`;

/** Read and check the file (no database). */
export async function prepareFile(input: IngestFileInput): Promise<PreparedReport> {
  const format = formatOfFile(input.fileName, input.mimeType, input.bytes);
  if (!format) throw new ValidationError(UNSUPPORTED_FILE, { file: UNSUPPORTED_FILE });
  return prepareReport({
    rawBytes: input.bytes,
    format,
    fileName: input.fileName.slice(0, 255),
    title: input.title ?? null,
    url: input.url ?? null,
    publishedAt: input.publishedAt ?? null,
    language: input.language ?? null,
  });
}

/** Ingest the file; `prepared` is what prepareFile returned for it, when the caller read it first. */
export async function ingestFile(tx: Tx, actor: Actor, input: IngestFileInput, prepared?: PreparedReport): Promise<IngestResult> {
  const report = prepared ?? (await prepareFile(input));
  const publisherId = await resolvePublisher(tx, input.publisher ?? null);
  return ingestReport(tx, actor, { ...report, publisherId });
}
