/**
 * /api/v1 ingestion and the claim-extraction assistant:
 *   POST /ingest                      one report as JSON ({text|html|markdown|file (base64,
 *                                     with fileName), title?, url?, publisher?, publishedAt?,
 *                                     language?}) → 201, or 200 with duplicate:true; one file
 *                                     as multipart/form-data (`file` + the same fields); or many
 *                                     as NDJSON (application/x-ndjson), answered with one
 *                                     progress line per report and a summary
 *   GET  /documents/:id/suggestions   the assistant's suggestions with matching claims
 *   POST /documents/:id/suggestions   {items:[…]}: accepted ones become claims and attributions
 *                                     in one transaction
 * Mounted before the API's JSON-only guard (NDJSON is not JSON), so each write route checks
 * its own content type.
 */
import express, { Router, type Request, type RequestHandler, type Response } from "express";
import multer from "multer";
import { t } from "../../i18n/index.ts";
import { inTransaction, type Db } from "../../db/client.ts";
import { acceptSuggestions } from "../../domain/ingest/accept-suggestions.ts";
import { ingestFile, prepareFile } from "../../domain/ingest/ingest-file.ts";
import type { IngestResult } from "../../domain/ingest/ingest-report.ts";
import { ingestBatch, ingestReportLine, reportLines } from "../../domain/ingest/ingest-batch.ts";
import { ingestRequest, prepareRequest } from "../../domain/ingest/ingest-request.ts";
import { acceptSchema, ingestFileFieldsSchema, ingestRequestSchema } from "../../domain/ingest/schema.ts";
import { MAX_FILE_BYTES, MAX_FILE_MB } from "../../extract/formats/index.ts";
import { suggestionsOffThread } from "../../domain/ingest/suggestions-off-thread.ts";
import { AppError } from "../../errors.ts";
import { presentDocument } from "../../presenters/api.ts";
import { actorOf, requireRole } from "../auth.ts";
import { refuseInvalidUtf8 } from "../body.ts";
import { formInput } from "../schemas.ts";
import { toAppError } from "../error-handler.ts";
import { parse } from "../validate.ts";
import { jsonBodiesOnly, pathId } from "./support.ts";

export const NDJSON_LIMIT = "5mb";
/** Reports per NDJSON request (each in its own transaction). */
export const NDJSON_MAX_LINES = 5000;

/** A multipart upload: one `file` and a few small text fields, in memory. */
const fileUpload: RequestHandler = (req, res, next) => {
  if (!req.is("multipart/form-data")) return next();
  multer({
    storage: multer.memoryStorage(),
    defParamCharset: "utf8",
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 11, headerPairs: 100 },
  }).single("file")(req, res, (err?: unknown) => {
    if (!err) return next();
    const code = (err as { code?: string }).code;
    if (code === "LIMIT_FILE_SIZE") return next(new AppError(`The file is larger than ${MAX_FILE_MB} MB.`, 413, "payload_too_large"));
    if (code === "LIMIT_UNEXPECTED_FILE" || code === "LIMIT_FILE_COUNT")
      return next(new AppError("Send one file, in the field named file.", 400, "bad_request"));
    if (err instanceof multer.MulterError) return next(new AppError("The upload has too many or too large fields.", 400, "bad_request"));
    return next(new AppError("The upload could not be read.", 400, "bad_request"));
  });
};

const ndjsonBody = express.text({ type: "application/x-ndjson", limit: NDJSON_LIMIT, verify: refuseInvalidUtf8 });

function problem(err: unknown) {
  const e = toAppError(err);
  if (!e) return { status: 500, code: "internal_error", message: "Something went wrong on our side." };
  return { status: e.status, code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) };
}

async function ingestMany(db: Db, req: Request, res: Response) {
  const actor = actorOf(req, res);
  const lines = reportLines(typeof req.body === "string" ? req.body : "");
  if (!lines.length) throw new AppError(t("errors.ndjsonEmpty"), 422, "validation_failed");
  if (lines.length > NDJSON_MAX_LINES) throw new AppError(t("errors.ndjsonMax", { count: NDJSON_MAX_LINES }), 413, "payload_too_large");
  const total = lines.length;
  res.status(200).type("application/x-ndjson");
  let aborted = false;
  res.on("close", () => {
    if (!res.writableFinished) aborted = true;
  });
  const { stopped, ...counts } = await ingestBatch(lines, ({ text }) => ingestReportLine(db, actor, text), {
    ingested: ({ line }, i, { document, duplicate }) => res.write(`${JSON.stringify({ done: i + 1, total, line, documentId: document.id, duplicate })}\n`),
    failed: ({ line }, i, err) => void res.write(`${JSON.stringify({ done: i + 1, total, line, error: problem(err) })}\n`),
    stop: () => aborted, // the client left: stop ingesting; what committed stays committed
  });
  if (stopped) return;
  res.end(`${JSON.stringify({ done: total, total, summary: counts })}\n`);
}

export function ingestRoutes(db: Db): Router {
  const router = Router();

  router.post("/ingest", requireRole("analyst"), ndjsonBody, fileUpload, async (req, res) => {
    if (req.is("application/x-ndjson")) return ingestMany(db, req, res);
    let result: IngestResult;
    if (req.is("multipart/form-data")) {
      const file = (req as { file?: Express.Multer.File }).file;
      if (!file) throw new AppError("Send the report in a form field named file.", 422, "validation_failed", { file: "Choose a file." });
      const fields = parse(ingestFileFieldsSchema, formInput(req.body));
      const input = { bytes: new Uint8Array(file.buffer), fileName: file.originalname, mimeType: file.mimetype, ...fields };
      const prepared = await prepareFile(input);
      result = await inTransaction(db, (tx) => ingestFile(tx, actorOf(req, res), input, prepared));
    } else if (req.is("application/json")) {
      const input = parse(ingestRequestSchema, req.body);
      const prepared = await prepareRequest(input);
      result = await inTransaction(db, (tx) => ingestRequest(tx, actorOf(req, res), input, {}, prepared));
    } else {
      throw new AppError(t("errors.ingestBody"), 415, "unsupported_media_type");
    }
    const { document, duplicate, warnings } = result;
    const location = `${req.baseUrl}/documents/${document.id}`;
    res
      .status(duplicate ? 200 : 201)
      .location(location)
      .json({ duplicate, document: presentDocument(document), warnings: warnings ?? [], suggestions: `${location}/suggestions` });
  });

  router.get("/documents/:id/suggestions", async (req, res) => {
    const review = await suggestionsOffThread(db, pathId(req, "The document"));
    const { text: _text, ...document } = review.document;
    res.json({ ...review, document });
  });

  router.post("/documents/:id/suggestions", requireRole("analyst"), jsonBodiesOnly, async (req, res) => {
    const id = pathId(req, "The document");
    const input = parse(acceptSchema, req.body);
    const result = await inTransaction(db, (tx) => acceptSuggestions(tx, actorOf(req, res), id, input.items));
    res.status(201).json(result);
  });

  return router;
}
