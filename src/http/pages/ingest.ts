/**
 * Pages for bringing reports in and reviewing the assistant's suggestions:
 *   GET/POST /ingest                  paste text or upload a .pdf/.docx/.html/.txt/.md file
 *   GET/POST /documents/:id/suggestions  review: the text with each quote highlighted beside
 *                                     the editable suggestions; one POST accepts them all
 * The review form works without JavaScript: plain fields named `i3_claimText` (urlencoded
 * bodies are parsed with extended:false, so no nested names) rebuilt into items here.
 */
import { t } from "../../i18n/index.ts";
import { Router, type RequestHandler } from "express";
import multer from "multer";
import { z } from "zod";
import { inTransaction, type Db } from "../../db/client.ts";
import { acceptSuggestions } from "../../domain/ingest/accept-suggestions.ts";
import { ingestFile, prepareFile } from "../../domain/ingest/ingest-file.ts";
import { ingestReport, INGEST_FORMATS, prepareReport } from "../../domain/ingest/ingest-report.ts";
import { acceptSchema } from "../../domain/ingest/schema.ts";
import type { DocumentSuggestions } from "../../domain/ingest/suggestions-for.ts";
import { suggestionsOffThread } from "../../domain/ingest/suggestions-off-thread.ts";
import { sourceOptions } from "../../domain/sources/queries.ts";
import { AppError } from "../../errors.ts";
import { httpUrl, language, LIMITS, pastDate, SOURCE_KINDS, text } from "../../validation/fields.ts";
import { actorOf, requireRole } from "../auth.ts";
import { formInput } from "../schemas.ts";
import { idParam, parse } from "../validate.ts";
import { renderForm } from "./forms.ts";
import { LIMITS_TEXT, REPORT_MAX_CHARS, UPLOAD_MAX_BYTES } from "../../limits.ts";
import { isolateQuoted, plainReasons, strength, type PlainReasons } from "../../presenters/reasons.ts";

const technicalToo = (r: PlainReasons, score: number): PlainReasons => ({ plain: r.plain, technical: [...r.technical, `score ${score}`] });

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

const optionalId = z.preprocess(
  (v) => (typeof v === "string" && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : v),
  z.number({ error: () => t("validation.chooseSource") }).int().positive({ error: () => t("validation.chooseSource") }),
);

export const ingestFormSchema = z.strictObject({
  text: text(LIMITS.documentText * 5, "Text").optional(),
  format: z.enum(INGEST_FORMATS, { error: () => t("validation.format") }).default("text"),
  title: text(LIMITS.title, "Title").optional(),
  url: httpUrl.optional(),
  publisherId: optionalId.optional(),
  publishedAt: pastDate("The publication date").optional(),
  language: language.optional(),
});

const ITEM_FIELD = /^i(\d{1,4})_([A-Za-z]+)$/;

/** Flat review-form fields (`i3_claimText`) → `{ items: [{ index: 3, claimText }] }`, in page order. */
export function itemsFromForm(body: unknown): Record<string, unknown> {
  const flat = formInput(body);
  const byIndex = new Map<number, Record<string, unknown>>();
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    const m = ITEM_FIELD.exec(k);
    if (!m) {
      rest[k] = v;
      continue;
    }
    const index = Number(m[1]);
    const item = byIndex.get(index) ?? { index };
    item[m[2]] = v;
    byIndex.set(index, item);
  }
  const items = [...byIndex.values()].sort((a, b) => (a.index as number) - (b.index as number));
  for (const item of items) {
    // "or claim #" typed by hand wins over the list; an existing speaker makes the new-source fields moot.
    if (item.mergeClaim !== undefined) item.mergeInto = item.mergeClaim;
    delete item.mergeClaim;
    if (item.decision !== "merge") delete item.mergeInto;
    if (item.speakerId !== undefined) {
      delete item.speakerName;
      delete item.speakerKind;
      delete item.speakerParentId;
    }
  }
  return { ...rest, items };
}

/** Field errors keyed by item position (`items.1.stance`) → the form's names (`i4_stance`). */
export function formErrors(fields: Record<string, string> | undefined, items: { index?: unknown }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, msg] of Object.entries(fields ?? {})) {
    const m = /^items\.(\d+)(?:\.(\w+))?/.exec(k);
    const index = m ? items[Number(m[1])]?.index : undefined;
    if (m && index !== undefined) out[`i${String(index)}_${m[2] ?? "decision"}`] ??= msg;
    else if (k !== "items") out[k] ??= msg;
  }
  return out;
}

// ---------------------------------------------------------------- presenter

const SPEAKER_KIND: Record<string, string> = { anonymous: "anonymous", person: "person", official_body: "official_body", outlet: "outlet", state: "official_body", unknown: "other" };

export interface Segment {
  text: string;
  /** Set on the first piece of a highlighted quote: the anchor `q-N`. */
  id?: string;
  marked: boolean;
  classes: string;
  title: string;
}

/**
 * The document text cut at every quote boundary, each piece tagged with the quotes that
 * cover it. Templates escape each piece; nothing here is HTML.
 */
export function highlightSegments(text: string, quotes: { n: number; start: number; end: number }[]): Segment[] {
  const valid = quotes.filter((q) => q.start >= 0 && q.end <= text.length && q.end > q.start);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((q) => [q.start, q.end])])].sort((a, b) => a - b);
  const anchored = new Set<number>();
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const covering = valid.filter((q) => q.start <= a && q.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) {
      out.push({ text: piece, marked: false, classes: "", title: "" });
      continue;
    }
    // Each quote is anchored where it starts; quotes starting at the same place get empty anchors.
    const starting = covering.filter((q) => !anchored.has(q.n) && q.start === a);
    for (const q of starting) anchored.add(q.n);
    const first = starting.pop();
    for (const q of starting) out.push({ text: "", id: `q-${q.n}`, marked: true, classes: `q-${q.n}`, title: t("ingest.suggestionN", { n: q.n + 1 }) });
    out.push({
      text: piece,
      marked: true,
      ...(first ? { id: `q-${first.n}` } : {}),
      classes: covering.map((q) => `q-${q.n}`).join(" "),
      title: t("ingest.suggestionN", { n: covering.map((q) => q.n + 1).join(", ") }),
    });
  }
  return out;
}

function day(d: Date | null | undefined): string {
  return d ? d.toISOString().slice(0, 10) : "";
}

/** Who a new speaker source would belong to: the body a person speaks for, or the outlet anonymous sources spoke to. */
function parentOf(speaker: DocumentSuggestions["suggestions"][number]["speaker"], outletSourceId: number | null): string {
  if (speaker.matchedVia === "role" && speaker.matchedSourceId !== undefined) return String(speaker.matchedSourceId);
  if (speaker.kind === "anonymous" && outletSourceId !== null) return String(outletSourceId);
  return "";
}

/** The review page's data: per suggestion its defaults, or what was posted when re-rendering. */
export function presentReview(review: DocumentSuggestions, sources: { id: number; name: string; kind: string }[], publishedAt: Date | null, posted?: Record<string, unknown>, errors: Record<string, string> = {}) {
  const value = (n: number, field: string, fallback: string): string => {
    if (!posted) return fallback;
    const v = posted[`i${n}_${field}`];
    return typeof v === "string" ? v : "";
  };
  const items = review.suggestions.map((s) => {
    const n = s.index;
    const kind = SPEAKER_KIND[s.speaker.kind ?? "unknown"] ?? "other";
    const defaultSpeaker = s.speaker.matchedSourceId !== undefined ? String(s.speaker.matchedSourceId) : "";
    // The assistant's proposal is what the page starts from (proposals.ts); the analyst changes it.
    const p = s.proposal;
    const proposedTarget = p.mergeInto ? ("claimId" in p.mergeInto ? `c${p.mergeInto.claimId}` : `s${p.mergeInto.item}`) : "";
    const speakerId = value(n, "speakerId", p.speakerId !== undefined ? String(p.speakerId) : p.speakerName !== undefined ? "" : defaultSpeaker);
    const decision = value(n, "decision", p.decision);
    const mergeInto = value(n, "mergeInto", proposedTarget || (s.matches[0] ? `c${s.matches[0].claimId}` : ""));
    const speakerKind = value(n, "speakerKind", kind);
    const stance = value(n, "stance", p.stance ?? s.stance);
    // the proposal's target is always offered, even when it is no pair-classifier match
    const targetOption = p.mergeInto && "claimId" in p.mergeInto && !s.matches.some((m) => `c${m.claimId}` === proposedTarget) ? [{ claimId: p.mergeInto.claimId, relation: "proposed", score: "", value: proposedTarget, selected: mergeInto === proposedTarget }] : [];
    const err = (f: string) => errors[`i${n}_${f}`];
    return {
      n,
      number: n + 1,
      headline: s.headline ?? false,
      via: s.via ?? null,
      cue: s.cue,
      reasons: s.reasons.map(isolateQuoted),
      details: s.details,
      speaker: s.speaker,
      recorded: s.recorded,
      proposalWhy: Array.isArray(s.proposalWhy) ? s.proposalWhy.map(isolateQuoted) : s.proposalWhy,
      matches: [...targetOption, ...s.matches.map((m) => ({ ...m, value: `c${m.claimId}`, selected: mergeInto === `c${m.claimId}`, strength: strength(m.score), why: technicalToo(plainReasons(m.reasons, [s.claimText, m.text]), m.score) }))],
      others: review.suggestions.filter((o) => o.index !== n).map((o) => ({ value: `s${o.index}`, label: t("ingest.newClaimOf", { n: o.index + 1 }), selected: mergeInto === `s${o.index}` })),
      fields: {
        decision,
        claimText: value(n, "claimText", s.claimText),
        translation: value(n, "translation", ""),
        speakerId,
        speakerName: value(n, "speakerName", p.speakerName ?? (s.speaker.isNew || s.speaker.matchedVia === "role" ? s.speaker.name : "")),
        speakerAliases: value(n, "speakerAliases", (p.speakerAliases ?? []).join("\n")),
        eventDate: value(n, "eventDate", p.eventDate ?? ""),
        tags: value(n, "tags", ""),
        speakerParentId: value(n, "speakerParentId", parentOf(s.speaker, review.outletSourceId)),
        stance,
        quote: value(n, "quote", s.quote.text),
        quoteStart: value(n, "quoteStart", String(s.quote.start)),
        quoteEnd: value(n, "quoteEnd", String(s.quote.end)),
        statedAt: value(n, "statedAt", p.statedAt ?? day(publishedAt)),
        mergeClaim: value(n, "mergeClaim", ""),
      },
      decisions: ["accept", "merge", "reject"].map((d) => ({ value: d, checked: decision === d })),
      stances: ["asserted", "denied", "unverified"].map((v) => ({ value: v, selected: stance === v })),
      kinds: SOURCE_KINDS.map((k) => ({ value: k, selected: speakerKind === k })),
      speakers: sources.map((src) => ({ id: src.id, name: src.name, kind: src.kind, selected: speakerId === String(src.id) })),
      errors: {
        decision: err("decision") ?? err("index"),
        claimText: err("claimText"),
        translation: err("translation"),
        speakerId: err("speakerId"),
        speakerName: err("speakerName") ?? err("speakerKind") ?? err("speakerParentId"),
        stance: err("stance"),
        quote: err("quote") ?? err("quoteStart") ?? err("quoteEnd"),
        statedAt: err("statedAt"),
        eventDate: err("eventDate"),
        tags: err("tags"),
        mergeInto: err("mergeInto"),
      },
    };
  });
  return {
    document: review.document,
    outlet: review.outlet,
    language: review.language,
    segments: highlightSegments(review.document.text, review.suggestions.map((s) => ({ n: s.index, start: s.quote.start, end: s.quote.end }))),
    items,
  };
}

// ---------------------------------------------------------------- routes

export function ingestRoutes(db: Db): Router {
  const router = Router();
  const pickers = async () => ({ publishers: await sourceOptions(db), formats: INGEST_FORMATS, limits: { text: LIMITS_TEXT, maxChars: REPORT_MAX_CHARS, maxBytes: UPLOAD_MAX_BYTES } });

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
      const upload = file ? { bytes: new Uint8Array(file.buffer), fileName: file.originalname, mimeType: file.mimetype, publisher: input.publisherId, ...meta } : undefined;
      const prepared = upload ? await prepareFile(upload) : await prepareReport({ text: input.text, format: input.format, ...meta });
      const { document, duplicate, warnings } = await inTransaction(db, (tx) =>
        upload ? ingestFile(tx, actorOf(req, res), upload, prepared) : ingestReport(tx, actorOf(req, res), { ...prepared, publisherId: input.publisherId }),
      );
      req.session.flash = (duplicate ? t("ingest.flashDuplicate", { id: document.id }) : t("ingest.flashIngested", { id: document.id })) + (warnings?.length ? ` ${warnings.join(" ")}` : "");
      res.redirect(303, duplicate ? `/documents/${document.id}` : `/documents/${document.id}/suggestions`);
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.status !== 401 && err.status !== 403 && err.status !== 413) {
        await renderForm(res, "ingest", t("title.ingest"), { ...(await pickers()), values, errors: err.fields ?? {}, errorsMessage: err.message }, err.status === 404 ? 422 : err.status);
        return;
      }
      throw err;
    }
  });

  const reviewPage = async (id: number, posted?: Record<string, unknown>, errors?: Record<string, string>) => {
    const review = await suggestionsOffThread(db, id);
    const doc = await db.document.findUniqueOrThrow({ where: { id }, select: { publishedAt: true } });
    return presentReview(review, await sourceOptions(db), doc.publishedAt, posted, errors);
  };

  router.get("/documents/:id/suggestions", async (req, res) => {
    const review = await reviewPage(idParam(req.params.id));
    await renderForm(res, "ingest-review", t("title.suggestions", { title: review.document.title }), { review, errors: {} });
  });

  router.post("/documents/:id/suggestions", requireRole("analyst"), async (req, res) => {
    const id = idParam(req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const shaped = itemsFromForm(body);
    try {
      const input = parse(acceptSchema, shaped);
      const result = await inTransaction(db, (tx) => acceptSuggestions(tx, actorOf(req, res), id, input.items));
      const accepted = result.items.filter((i) => i.decision !== "reject").length;
      req.session.flash = accepted
        ? t("ingest.flashRecorded", {
            attributions: t("count.attribution", { count: result.attributions.length }),
            claims: t("count.newClaim", { count: result.claims.length }),
            sources: t("count.newSource", { count: result.sources.length }),
          })
        : t("ingest.flashNothing");
      res.redirect(303, `/documents/${id}`);
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.status !== 401 && err.status !== 403 && !(err.status === 404 && !err.fields)) {
        const errors = formErrors(err.fields, (shaped.items as { index?: unknown }[]) ?? []);
        const review = await reviewPage(id, body, errors);
        await renderForm(res, "ingest-review", t("title.suggestions", { title: review.document.title }), { review, errors, errorsMessage: err.message }, err.status === 404 ? 422 : err.status);
        return;
      }
      throw err;
    }
  });

  return router;
}
