/**
 * A report as the API and the CLI's NDJSON lines send it ({text|html|markdown, title?, url?,
 * publisher?, publishedAt?, language?}), ingested through ingestReport.
 */
import type { Tx } from "../../db/client.ts";
import { ValidationError } from "../../errors.ts";
import { idFromDigits } from "../../shared/ids.ts";
import type { Actor } from "../actor.ts";
import { ingestReport, type IngestResult } from "./ingest-report.ts";
import type { IngestRequest } from "./schema.ts";

/** A publisher given as a source id (number or digits) or as a source key. */
export async function resolvePublisher(tx: Tx, ref: number | string | null | undefined, field = "publisher"): Promise<number | null> {
  if (ref === undefined || ref === null || ref === "") return null;
  const id = typeof ref === "number" ? ref : idFromDigits(ref);
  const where = id !== undefined ? { id } : { key: String(ref) };
  const found = await tx.source.findUnique({ where, select: { id: true } });
  if (!found) throw new ValidationError(`No source ${typeof ref === "number" ? `#${ref}` : `"${ref}"`} to use as the publisher.`, { [field]: "This source does not exist." });
  return found.id;
}

export async function ingestRequest(tx: Tx, actor: Actor, req: IngestRequest, defaults: { publisherId?: number | null } = {}): Promise<IngestResult> {
  const format = req.html !== undefined ? "html" : req.markdown !== undefined ? "markdown" : "text";
  const publisherId = req.publisher !== undefined && req.publisher !== null ? await resolvePublisher(tx, req.publisher) : (defaults.publisherId ?? null);
  return ingestReport(tx, actor, {
    text: req.html ?? req.markdown ?? req.text,
    format,
    fileName: req.fileName ?? null,
    title: req.title ?? null,
    url: req.url ?? null,
    publisherId,
    publishedAt: req.publishedAt ?? null,
    language: req.language ?? null,
  });
}
