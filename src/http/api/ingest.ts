/**
 * /api/v1 ingestion and the claim-extraction assistant:
 *   POST /ingest                      one report as JSON ({text|html|markdown, title?, url?,
 *                                     publisher?, publishedAt?, language?}) → 201, or 200 with
 *                                     duplicate:true; or many as NDJSON (application/x-ndjson),
 *                                     answered with one progress line per report and a summary
 *   GET  /documents/:id/suggestions   the assistant's suggestions with matching claims
 *   POST /documents/:id/suggestions   {items:[…]}: accepted ones become claims and attributions
 *                                     in one transaction
 * Mounted before the API's JSON-only guard (NDJSON is not JSON), so each write route checks
 * its own content type.
 */
import express, { Router, type Request, type Response } from "express";
import { inTransaction, type Db } from "../../db/client.ts";
import { acceptSuggestions } from "../../domain/ingest/accept-suggestions.ts";
import { ingestBatch, ingestReportLine, reportLines } from "../../domain/ingest/ingest-batch.ts";
import { ingestRequest } from "../../domain/ingest/ingest-request.ts";
import { acceptSchema, ingestRequestSchema } from "../../domain/ingest/schema.ts";
import { suggestionsFor } from "../../domain/ingest/suggestions-for.ts";
import { AppError } from "../../errors.ts";
import { presentDocument } from "../../presenters/api.ts";
import { actorOf, requireRole } from "../auth.ts";
import { refuseInvalidUtf8 } from "../body.ts";
import { toAppError } from "../error-handler.ts";
import { parse } from "../validate.ts";
import { jsonBodiesOnly, pathId } from "./support.ts";

export const NDJSON_LIMIT = "5mb";
/** Reports per NDJSON request (each in its own transaction). */
export const NDJSON_MAX_LINES = 5000;

const ndjsonBody = express.text({ type: "application/x-ndjson", limit: NDJSON_LIMIT, verify: refuseInvalidUtf8 });

function problem(err: unknown) {
  const e = toAppError(err);
  if (!e) return { status: 500, code: "internal_error", message: "Something went wrong on our side." };
  return { status: e.status, code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) };
}

async function ingestMany(db: Db, req: Request, res: Response) {
  const actor = actorOf(req, res);
  const lines = reportLines(typeof req.body === "string" ? req.body : "");
  if (!lines.length) throw new AppError("The NDJSON body has no reports.", 422, "validation_failed");
  if (lines.length > NDJSON_MAX_LINES) throw new AppError(`At most ${NDJSON_MAX_LINES} reports per request.`, 413, "payload_too_large");
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

  router.post("/ingest", requireRole("analyst"), ndjsonBody, async (req, res) => {
    if (req.is("application/x-ndjson")) return ingestMany(db, req, res);
    if (!req.is("application/json")) throw new AppError("Send JSON (one report) or NDJSON (application/x-ndjson, one report per line).", 415, "unsupported_media_type");
    const input = parse(ingestRequestSchema, req.body);
    const { document, duplicate } = await inTransaction(db, (tx) => ingestRequest(tx, actorOf(req, res), input));
    const location = `${req.baseUrl}/documents/${document.id}`;
    res.status(duplicate ? 200 : 201).location(location).json({ duplicate, document: presentDocument(document), suggestions: `${location}/suggestions` });
  });

  router.get("/documents/:id/suggestions", async (req, res) => {
    const review = await suggestionsFor(db, pathId(req, "The document"));
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
