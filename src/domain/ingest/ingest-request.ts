/**
 * A report as the API and the CLI's NDJSON lines send it ({text|html|markdown|file, title?,
 * url?, publisher?, publishedAt?, language?, fileName?}), ingested through ingestReport; a
 * `file` (base64 of a PDF, Word or other report file, named by `fileName`) through ingestFile.
 */
import type { Tx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { prepareFile } from "./ingest-file.ts";
import { ingestReport, prepareReport, type IngestResult, type PreparedReport } from "./ingest-report.ts";
import { resolvePublisher } from "./resolve-publisher.ts";
import type { IngestRequest } from "./schema.ts";

export { resolvePublisher };

/** Read and check the report the request carries (no database): call it before the transaction. */
export async function prepareRequest(req: IngestRequest): Promise<PreparedReport> {
  if (req.file !== undefined) {
    return prepareFile({
      bytes: req.file,
      fileName: req.fileName!,
      title: req.title ?? null,
      url: req.url ?? null,
      publishedAt: req.publishedAt ?? null,
      language: req.language ?? null,
    });
  }
  const format = req.html !== undefined ? "html" : req.markdown !== undefined ? "markdown" : "text";
  return prepareReport({
    text: req.html ?? req.markdown ?? req.text,
    format,
    fileName: req.fileName ?? null,
    title: req.title ?? null,
    url: req.url ?? null,
    publishedAt: req.publishedAt ?? null,
    language: req.language ?? null,
  });
}

export async function ingestRequest(
  tx: Tx,
  actor: Actor,
  req: IngestRequest,
  defaults: { publisherId?: number | null } = {},
  prepared?: PreparedReport,
): Promise<IngestResult> {
  const report = prepared ?? (await prepareRequest(req));
  const publisherId = req.publisher !== undefined && req.publisher !== null ? await resolvePublisher(tx, req.publisher) : (defaults.publisherId ?? null);
  return ingestReport(tx, actor, { ...report, publisherId });
}
