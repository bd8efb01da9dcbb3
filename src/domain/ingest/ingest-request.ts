/**
 * A report as the API and the CLI's NDJSON lines send it ({text|html|markdown, title?, url?,
 * publisher?, publishedAt?, language?}), ingested through ingestReport.
 */
import { t } from "../../i18n/index.ts";
import type { Tx } from "../../db/client.ts";
import { ValidationError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { ingestReport, type IngestResult } from "./ingest-report.ts";
import type { IngestRequest } from "./schema.ts";

/** A publisher given as a source id (number or digits) or as a source key. */
export async function resolvePublisher(tx: Tx, ref: number | string | null | undefined, field = "publisher"): Promise<number | null> {
  if (ref === undefined || ref === null || ref === "") return null;
  const where = typeof ref === "number" || /^\d{1,12}$/.test(ref) ? { id: Number(ref) } : { key: ref };
  const found = await tx.source.findUnique({ where, select: { id: true } });
  if (!found) throw new ValidationError(t("errors.noPublisherSource", { ref: typeof ref === "number" ? `#${ref}` : `"${ref}"` }), { [field]: t("errors.sourceMissing") });
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
