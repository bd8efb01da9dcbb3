/**
 * What the edges send to the ingest use cases, validated once: a report to ingest (API JSON,
 * NDJSON lines, CLI .ndjson lines) and the analyst's decision on each suggestion (review
 * form and API). Free text keeps its exact form; control characters (NUL …) are refused.
 */
import { z } from "zod";
import { LIMITS, httpUrl, identifier, isoDate, language, pastDate, requiredText, sourceKind, stance, text } from "../../validation/fields.ts";

const positiveId = z.preprocess(
  (v) => (typeof v === "string" && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : v),
  z.number({ error: "Must be a number." }).int({ error: "Must be a whole number." }).positive({ error: "Choose one." }),
);
const offset = z.preprocess(
  (v) => (typeof v === "string" && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : v),
  z.number({ error: "Must be a number." }).int().min(0, { error: "Must be 0 or more." }),
);

/** A file's bytes as base64 (RFC 4648, padding required); at most the NDJSON body's size. */
const base64File = z
  .string({ error: "The file must be base64 text." })
  .max(7_000_000, { error: "The file is too large to send as base64; upload it as multipart/form-data." })
  .refine((s) => s.length > 0 && s.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(s), {
    error: "The file must be base64 (A–Z, a–z, 0–9, + and /, padded with =).",
  })
  .transform((s) => new Uint8Array(Buffer.from(s, "base64")));

/** The fields sent beside a file (multipart form fields, as strings). */
export const ingestFileFieldsSchema = z.strictObject({
  title: text(LIMITS.title, "Title").optional(),
  url: httpUrl.optional(),
  publisher: z.union([positiveId, requiredText(200, "Publisher")]).optional(),
  publishedAt: isoDate.optional(),
  language: language.optional(),
});
export type IngestFileFields = z.infer<typeof ingestFileFieldsSchema>;

/**
 * One report: exactly one of text / html / markdown / file (base64, with its `fileName`, by
 * whose extension it is read: .pdf, .docx, .html, .txt, .md). `publisher` is a source id, or a
 * source key (CLI).
 */
export const ingestRequestSchema = z
  .strictObject({
    text: requiredText(LIMITS.documentText * 5, "Text").optional(),
    html: requiredText(LIMITS.documentText * 5, "HTML").optional(),
    markdown: requiredText(LIMITS.documentText * 5, "Markdown").optional(),
    title: text(LIMITS.title, "Title").optional(),
    url: httpUrl.nullable().optional(),
    publisher: z
      .union([positiveId, requiredText(200, "Publisher")])
      .nullable()
      .optional(),
    publishedAt: pastDate("The publication date").nullable().optional(),
    language: language.nullable().optional(),
    fileName: text(255, "File name").optional(),
    file: base64File.optional(),
  })
  .superRefine((v, ctx) => {
    const given = [v.text, v.html, v.markdown, v.file].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: "custom", path: ["text"], message: "Send exactly one of text, html, markdown or file." });
    if (v.file !== undefined && !v.fileName?.trim())
      ctx.addIssue({ code: "custom", path: ["fileName"], message: "Name the file (its extension says how to read it: .pdf, .docx, .html, .txt, .md)." });
  });
export type IngestRequest = z.infer<typeof ingestRequestSchema>;

/** Merge target: an existing claim ("12" / "c12") or the claim another item of this batch creates ("s3"). */
export const mergeTarget = z.preprocess(
  (v) => {
    if (typeof v === "number") return { claimId: v };
    if (typeof v !== "string") return v;
    const m = /^\s*(c|s)?(\d{1,12})\s*$/.exec(v);
    if (!m) return v;
    return m[1] === "s" ? { item: Number(m[2]) } : { claimId: Number(m[2]) };
  },
  z.union([z.strictObject({ claimId: z.number().int().positive() }), z.strictObject({ item: z.number().int().min(0) })], {
    error: "Choose the claim to merge into (an existing claim, or another suggestion on this page).",
  }),
);

/** A list field that forms send as one string (split on `sep`) and JSON as an array. */
function listOf(item: z.ZodType<string>, sep: RegExp, max: number, what: string) {
  return z
    .preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(sep)
              .map((x) => x.trim())
              .filter(Boolean)
          : v,
      z.array(item, { error: `The ${what} must be a list.` }).max(max, { error: `At most ${max} ${what}.` }),
    )
    .optional();
}

export const DECISIONS = ["accept", "merge", "reject"] as const;

/**
 * One suggestion as the analyst left it. `index` is the suggestion's number on the page.
 * The speaker is an existing source (`speakerId`) or a new one (`speakerName` + `speakerKind`;
 * an anonymous one belongs to the document's outlet).
 */
export const acceptItemSchema = z
  .strictObject({
    index: offset,
    decision: z.enum(DECISIONS, { error: "Choose accept, merge or reject." }),
    claimText: text(LIMITS.claim, "Claim").optional(),
    translation: text(LIMITS.claim, "Translation").default(""),
    language: language.optional(),
    speakerId: positiveId.optional(),
    speakerName: text(LIMITS.name, "Speaker").optional(),
    speakerKind: sourceKind.optional(),
    speakerParentId: positiveId.optional(),
    /** A new speaker's parent body when it is not a source yet (created with it, or reused by name): its name and short names. */
    speakerParentName: text(LIMITS.name, "Parent source").optional(),
    speakerParentAliases: listOf(requiredText(LIMITS.alias, "Alias"), /\r?\n/, LIMITS.aliases, "aliases"),
    stance: stance.optional(),
    quote: text(LIMITS.quote, "Quote").default(""),
    quoteStart: offset.optional(),
    quoteEnd: offset.optional(),
    /** Aliases of a new speaker source (its spelling in the text, a description): a list, or one per line. */
    speakerAliases: listOf(requiredText(LIMITS.alias, "Alias"), /\r?\n/, LIMITS.aliases, "aliases"),
    statedAt: pastDate("The statement date").optional(),
    /** A new claim's event date (when what it states happened). */
    eventDate: isoDate.optional(),
    /** A new claim's tags: a list, or separated by spaces or commas. */
    tags: listOf(identifier(LIMITS.tag, "Tag"), /[\s,،]+/, LIMITS.tags, "tags"),
    mergeInto: mergeTarget.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject") return;
    if (v.decision === "accept" && !v.claimText?.trim()) ctx.addIssue({ code: "custom", path: ["claimText"], message: "Claim is required." });
    if (!v.stance) ctx.addIssue({ code: "custom", path: ["stance"], message: "Stance must be asserted, denied or unverified." });
    if (v.decision === "merge" && !v.mergeInto) ctx.addIssue({ code: "custom", path: ["mergeInto"], message: "Choose the claim to merge into." });
    if (v.speakerId === undefined && !v.speakerName?.trim())
      ctx.addIssue({ code: "custom", path: ["speakerName"], message: "Choose a source or name a new one." });
    if ((v.quoteStart === undefined) !== (v.quoteEnd === undefined))
      ctx.addIssue({ code: "custom", path: ["quoteEnd"], message: "Give both quote offsets or neither." });
    if (v.quoteStart !== undefined && v.quoteEnd !== undefined && v.quoteEnd < v.quoteStart)
      ctx.addIssue({ code: "custom", path: ["quoteEnd"], message: "The quote ends before it starts." });
  });
export type AcceptItem = z.infer<typeof acceptItemSchema>;

export const acceptSchema = z.strictObject({
  items: z.array(acceptItemSchema, { error: "Send a list of items." }).min(1, { error: "Decide on at least one suggestion." }).max(500),
});
