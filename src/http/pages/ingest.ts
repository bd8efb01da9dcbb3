/**
 * Pages for bringing reports in and reviewing the assistant's suggestions:
 *   GET/POST /ingest                  paste text or upload a .pdf/.docx/.html/.txt/.md file
 *   GET/POST /documents/:id/suggestions  review: the text with each quote highlighted beside
 *                                     the editable suggestions, REVIEW_PAGE_SIZE to a page
 *                                     (?page=K); one POST accepts a page. While a long report's
 *                                     suggestions are computed (review-jobs.ts) the GET shows
 *                                     their progress, reloading itself, once REVIEW_WAIT_MS has
 *                                     passed without a result.
 * The review form works without JavaScript. Its fields are decoded in ../ingest-form.ts and
 * the page's data is built in src/presenters/review.ts.
 */
import { t } from "../../i18n/index.ts";
import { Router, type RequestHandler, type Response } from "express";
import multer from "multer";
import { inTransaction, type Db } from "../../db/client.ts";
import { acceptSuggestions } from "../../domain/ingest/accept-suggestions.ts";
import { ingestFile, prepareFile } from "../../domain/ingest/ingest-file.ts";
import { ingestReport, INGEST_FORMATS, prepareReport } from "../../domain/ingest/ingest-report.ts";
import { acceptSchema } from "../../domain/ingest/schema.ts";
import { currentReview, reviewJob, settledWithin, type ReviewJob } from "../../domain/ingest/review-jobs.ts";
import { documentPublishedAt } from "../../domain/documents/queries.ts";
import { sourceOptions } from "../../domain/sources/queries.ts";
import { AppError, NotFoundError } from "../../errors.ts";
import type { Config } from "../../config.ts";
import { actorOf, requireRole } from "../auth.ts";
import { formInput, reviewQuery } from "../schemas.ts";
import { formErrors, ingestFormSchema, itemsFromForm } from "../ingest-form.ts";
import { idParam, parse, parseQuery } from "../validate.ts";
import { keepFlash, renderForm, reRenderStatus, setFlash, type FlashPart } from "./forms.ts";
import { LIMITS_TEXT, REPORT_MAX_CHARS, UPLOAD_MAX_BYTES } from "../../limits.ts";
import { presentProgress, presentReview } from "../../presenters/review.ts";

/** The progress page reloads itself this often while a long report's suggestions are computed. */
const PROGRESS_REFRESH_SECONDS = 2;

const reviewHref = (id: number, page?: number) => `/documents/${id}/suggestions${page && page > 1 ? `?page=${page}` : ""}`;

/** Upload limits: one report file of at most UPLOAD_MAX_BYTES (src/limits.ts: MAX_FILE_MB, 20 MB), and a handful of small fields. */
export const UPLOAD_LIMITS = { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 20, fieldSize: 1024 * 1024, parts: 21, headerPairs: 100 } as const;

// File names arrive as UTF-8 (تقرير.pdf); busboy's default would read them as Latin-1.
const uploader = multer({ storage: multer.memoryStorage(), limits: UPLOAD_LIMITS, defParamCharset: "utf8" }).single("file");

function uploadError(err: unknown): AppError {
  if (err instanceof multer.MulterError) {
    if (err.code === "LIMIT_FILE_SIZE") return new AppError(LIMITS_TEXT.fileTooLarge(), 413, "payload_too_large");
    if (err.code === "LIMIT_FIELD_VALUE") return new AppError(t("upload.fieldTooLarge"), 413, "payload_too_large");
    if (err.code === "LIMIT_UNEXPECTED_FILE" || err.code === "LIMIT_FILE_COUNT") return new AppError(t("upload.oneFile"), 400, "bad_request");
    return new AppError(t("upload.tooManyParts"), 400, "bad_request");
  }
  return new AppError(t("upload.unreadable"), 400, "bad_request");
}

/**
 * Parses a multipart upload to /ingest (memory storage, UPLOAD_LIMITS). It must run before
 * the CSRF check, which reads `_csrf` from the parsed body; it parses only for a signed-in
 * user and only multipart bodies, once.
 */
export const ingestUpload: RequestHandler = (req, res, next) => {
  const locals = res.locals as { user?: unknown; uploadParsed?: boolean };
  if (req.method !== "POST" || locals.uploadParsed || !req.is("multipart/form-data") || !locals.user) return next();
  locals.uploadParsed = true;
  uploader(req, res, (err?: unknown) => next(err ? uploadError(err) : undefined));
};

// ---------------------------------------------------------------- routes

export function ingestRoutes(db: Db, config: Pick<Config, "REVIEW_PAGE_SIZE" | "REVIEW_WAIT_MS">): Router {
  const router = Router();
  const pickers = async () => ({
    publishers: await sourceOptions(db),
    formats: INGEST_FORMATS,
    limits: { text: LIMITS_TEXT, maxChars: REPORT_MAX_CHARS, maxBytes: UPLOAD_MAX_BYTES },
  });

  router.get("/ingest", async (_req, res) => {
    await renderForm(res, "ingest", t("title.ingest"), { ...(await pickers()), values: { format: "text" }, errors: {} });
  });

  router.post("/ingest", requireRole("analyst"), ingestUpload, async (req, res) => {
    const values = (req.body ?? {}) as Record<string, unknown>;
    try {
      const input = parse(ingestFormSchema, formInput(values));
      const file = (req as { file?: Express.Multer.File }).file;
      if (!file && !input.text?.trim()) {
        throw new AppError(t("upload.nothing"), 422, "validation_failed", { text: t("upload.nothingField") });
      }
      const meta = { title: input.title, url: input.url, publishedAt: input.publishedAt, language: input.language };
      // Read first (a PDF can take seconds), then write in one short transaction.
      const upload = file
        ? { bytes: new Uint8Array(file.buffer), fileName: file.originalname, mimeType: file.mimetype, publisher: input.publisherId, ...meta }
        : undefined;
      const prepared = upload ? await prepareFile(upload) : await prepareReport({ text: input.text, format: input.format, ...meta });
      const { document, duplicate, warnings } = await inTransaction(db, (tx) =>
        upload ? ingestFile(tx, actorOf(req, res), upload, prepared) : ingestReport(tx, actorOf(req, res), { ...prepared, publisherId: input.publisherId }),
      );
      setFlash(
        req,
        { key: duplicate ? "ingest.flashDuplicate" : "ingest.flashIngested", values: { id: document.id } },
        ...(warnings ?? []).map((text) => ({ text })),
      );
      res.redirect(303, duplicate ? `/documents/${document.id}` : `/documents/${document.id}/suggestions`);
    } catch (err) {
      const status = reRenderStatus(err, "form");
      if (status === undefined || !(err instanceof AppError)) throw err;
      await renderForm(res, "ingest", t("title.ingest"), { ...(await pickers()), values, errors: err.fields ?? {}, errorsMessage: err.message }, status);
    }
  });

  /**
   * The review of one page: the kept job's result (review-jobs.ts) with what is recorded now.
   * The form says which page it came from, so an error shows that page again.
   */
  const reviewPage = async (job: ReviewJob, pageNo: number, posted?: Record<string, unknown>, errors?: Record<string, string>) => {
    const { review, pages } = await currentReview(db, job, config.REVIEW_PAGE_SIZE);
    if (pageNo > pages.length) throw new AppError(t("review.noSuchPage", { page: pageNo, count: pages.length }), 404, "not_found");
    const page = { number: pageNo, count: pages.length, indices: pages[pageNo - 1] };
    return presentReview(review, page, await sourceOptions(db), await documentPublishedAt(db, job.documentId), posted, errors);
  };
  const renderReview = async (res: Response, review: Awaited<ReturnType<typeof reviewPage>>, extra: Record<string, unknown> = {}, status = 200) =>
    renderForm(res, "ingest-review", t("title.suggestions", { title: review.document.title }), { review, errors: {}, ...extra }, status);

  router.get("/documents/:id/suggestions", async (req, res) => {
    const id = idParam(req.params.id);
    const query = parseQuery(reviewQuery, req.query);
    const doc = await db.document.findUnique({ where: { id }, select: { title: true } });
    if (!doc) throw new NotFoundError("The document");
    const job = reviewJob(db, id, { refresh: query.refresh === "1" });
    // "Compute again" starts the work, then goes to the plain address (a reload must not start it again).
    if (query.refresh) return res.redirect(303, reviewHref(id, query.page));
    if (!(await settledWithin(job, config.REVIEW_WAIT_MS))) {
      // The ingest's flash ("Review the suggestions below") waits for the review it speaks of.
      keepFlash(req, res);
      const progress = presentProgress(job, Date.now());
      return renderForm(res, "ingest-progress", t("title.suggestions", { title: doc.title }), {
        document: { id, title: doc.title },
        progress,
        page: query.page && query.page > 1 ? query.page : undefined,
        refreshSeconds: PROGRESS_REFRESH_SECONDS,
      });
    }
    await renderReview(res, await reviewPage(job, query.page ?? 1));
  });

  router.post("/documents/:id/suggestions", requireRole("analyst"), async (req, res) => {
    const id = idParam(req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const shaped = itemsFromForm(body);
    const pageNo = parseQuery(reviewQuery, { page: body._page }).page ?? 1;
    try {
      const input = parse(acceptSchema, shaped);
      const result = await inTransaction(db, (tx) => acceptSuggestions(tx, actorOf(req, res), id, input.items));
      const accepted = result.items.filter((i) => i.decision !== "reject").length;
      const recorded: FlashPart = accepted
        ? {
            key: "ingest.flashRecorded",
            values: {
              attributions: { key: "count.attribution", values: { count: result.attributions.length } },
              claims: { key: "count.newClaim", values: { count: result.claims.length } },
              sources: { key: "count.newSource", values: { count: result.sources.length } },
            },
          }
        : { key: "ingest.flashNothing" };
      // A long report's review goes on with its next page; the last page leads to the document.
      const pages = Number(body._pages);
      const next = Number.isInteger(pages) && pageNo < pages ? pageNo + 1 : undefined;
      setFlash(req, recorded, ...(next ? [{ key: "review.flashNextPage", values: { page: next, count: pages } }] : []));
      res.redirect(303, next ? reviewHref(id, next) : `/documents/${id}`);
    } catch (err) {
      const status = reRenderStatus(err, "fields");
      if (status === undefined || !(err instanceof AppError)) throw err;
      const errors = formErrors(err.fields, (shaped.items as { index?: number | string }[]) ?? []);
      const review = await reviewPage(reviewJob(db, id), pageNo, body, errors);
      await renderReview(res, review, { errors, errorsMessage: err.message }, status);
    }
  });

  return router;
}
