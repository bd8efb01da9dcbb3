/**
 * The JSON bundle: sources, documents and claims with their attributions, keyed by stable
 * strings so a bundle can be written by hand, diffed, and imported twice without duplicating
 * anything. `npm run cli -- export` adds `conflicts`, `reviews`, `links` and each claim's
 * `mergedInto`; those are **read-only on import**: validated (shape and references) so a
 * damaged export is noticed, but never written — conflicts and link suggestions are recomputed
 * by the engine, and a review, a merge or a link decision is a named person's act that a file
 * must not be able to forge.
 *
 * Field rules follow the app's forms (src/validation/fields.ts): NUL and control characters
 * refused, http(s) URLs only, ISO dates, Admiralty grades. Objects are strict: an unknown
 * field is an error, not silently dropped. Fields the database may leave empty accept null.
 * The JSON Schema in docs/bundle.schema.json is generated from this file
 * (`npx tsx scripts/bundle-json-schema.ts`).
 */
import { z } from "zod";
import {
  LIMITS,
  claimStatus,
  conflictStatus,
  httpUrl,
  identifier,
  isoDate,
  language,
  reliability,
  requiredText,
  sourceKind,
  stance,
  tag,
  text,
} from "../../validation/fields.ts";

export const BUNDLE_VERSION = 1;

/** A bundle key: letters, digits and . _ : - (no spaces, no invisible characters). */
export const bundleKey = identifier(100, "Key")
  .refine((s) => /^[\p{L}\p{N}][\p{L}\p{N}._:-]*$/u.test(s), {
    error: "A key may contain letters, digits, dot, dash, colon and underscore, and must start with a letter or digit.",
  })
  .meta({ description: "Stable key (letters, digits, . _ : -) that other entries refer to.", pattern: "^[\\p{L}\\p{N}][\\p{L}\\p{N}._:-]*$" });

const date = isoDate.meta({
  description: "ISO-8601 date or date-time, e.g. 2024-03-28 or 2024-03-28T14:00:00Z (a date alone means midnight UTC).",
  pattern: "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$",
});
const nullableDate = date.nullable();
/**
 * Admiralty information credibility 1–6. A JSON number, not coerced as form fields are: in a
 * file, "3" or true is a mistake to report, not a value to guess.
 */
const credibility = z
  .number({ error: "Credibility must be a number from 1 to 6." })
  .int({ error: "Credibility must be a whole number from 1 to 6." })
  .min(1, { error: "Credibility must be from 1 to 6." })
  .max(6, { error: "Credibility must be from 1 to 6." });
const url = httpUrl.meta({ description: "A full http:// or https:// address.", pattern: "^[Hh][Tt][Tt][Pp][Ss]?://" });

export const bundleSourceSchema = z.strictObject({
  key: bundleKey,
  name: requiredText(LIMITS.name, "Name"),
  aliases: z.array(requiredText(LIMITS.alias, "Alias"), { error: "Aliases must be a list." }).max(LIMITS.aliases).default([]),
  kind: sourceKind,
  reliability: reliability,
  notes: text(LIMITS.notes, "Notes").default(""),
  /** Key of the source this one belongs to (a spokesperson's body, anonymous sources' outlet). */
  parent: bundleKey.nullable().optional(),
});

export const bundleDocumentSchema = z.strictObject({
  key: bundleKey,
  title: requiredText(LIMITS.title, "Title"),
  url: url.nullable(),
  /** Source key of the publisher. */
  publisher: bundleKey.nullable(),
  publishedAt: nullableDate,
  /** When absent on first import, the import time is recorded; when absent later, the stored value is kept. */
  retrievedAt: nullableDate.optional(),
  language: language,
  /** Full text, byte-exact. It is evidence: an existing document's text never changes. */
  text: requiredText(LIMITS.documentText, "Text").meta({ description: "Full text, byte-exact (never trimmed or normalised); its SHA-256 is stored." }),
});

export const bundleAttributionSchema = z.strictObject({
  /** Source key of the speaker. */
  source: bundleKey,
  /** Source key of the outlet that carried it; defaults to the document's publisher when that is someone else. */
  outlet: bundleKey.nullable().optional(),
  /** "According to": source key of the intermediary the outlet got the statement from (e.g. unnamed Arab media). */
  via: bundleKey.nullable().optional(),
  /** Document key (where it was read). */
  document: bundleKey.nullable(),
  stance: stance,
  quote: text(LIMITS.quote, "Quote"),
  statedAt: nullableDate,
  credibility: credibility.nullable().optional(),
});

export const bundleClaimSchema = z.strictObject({
  key: bundleKey,
  text: requiredText(LIMITS.claim, "Claim"),
  language: language,
  translation: text(LIMITS.claim, "Translation").default(""),
  tags: z
    .array(tag, { error: "Tags must be a list." })
    .max(LIMITS.tags, { error: `At most ${LIMITS.tags} tags.` })
    .default([]),
  /** When the described event happened, if known (separate from when it was stated). */
  eventDate: nullableDate.optional(),
  attributions: z.array(bundleAttributionSchema, { error: "Attributions must be a list." }).max(1000).default([]),
  /** Export only (read-only on import, like conflicts and reviews): the claim an analyst merged this duplicate into. */
  mergedInto: bundleKey.nullable().optional(),
});

/** Points at `claims[i].attributions[index]` where claims[i].key === claim (export only). */
export const bundleAttributionRefSchema = z.strictObject({
  claim: bundleKey,
  index: z.number().int().min(0),
  /** Repeated for readability; checked against the attribution pointed at. */
  source: bundleKey,
  stance: stance,
});

export const CONFLICT_KINDS = ["stance", "reversal", "contradiction", "detail"] as const;

/** Export only: what the engine found and the analyst's status. Ignored (validated) on import. */
export const bundleConflictSchema = z.strictObject({
  claim: bundleKey,
  otherClaim: bundleKey.nullable(),
  kind: z.enum(CONFLICT_KINDS),
  status: conflictStatus,
  active: z.boolean(),
  score: z.number(),
  explanation: text(LIMITS.notes, "Explanation"),
  statusNote: text(LIMITS.notes, "Status note"),
  sideA: z.array(bundleAttributionRefSchema),
  sideB: z.array(bundleAttributionRefSchema),
});

/** Export only: claim links (engine suggestions and analysts' decisions). Ignored (validated) on import. */
export const bundleLinkSchema = z.strictObject({
  from: bundleKey,
  to: bundleKey,
  relation: z.enum(["agree", "conflict", "related", "duplicate"]),
  origin: z.enum(["engine", "analyst"]),
  status: z.enum(["suggested", "confirmed", "dismissed"]),
  score: z.number(),
});

export const REVIEW_STATES = ["final", "pending", "confirmed", "rejected"] as const;

/** Export only: the review history. Ignored (validated) on import. */
export const bundleReviewSchema = z.strictObject({
  claim: bundleKey,
  reviewer: requiredText(64, "Reviewer"),
  previousStatus: claimStatus,
  status: claimStatus,
  rationale: text(LIMITS.rationale, "Rationale"),
  createdAt: date,
  /** final (counted at once) | pending (awaits a second reviewer) | confirmed | rejected. */
  state: z.enum(REVIEW_STATES).optional(),
  /** Username of the second reviewer who confirmed or rejected it. */
  confirmedBy: requiredText(64, "Confirmed by").nullable().optional(),
  confirmedAt: nullableDate.optional(),
});

export const bundleSchema = z.strictObject({
  version: z.literal(BUNDLE_VERSION, { error: `version must be ${BUNDLE_VERSION}.` }),
  sources: z.array(bundleSourceSchema, { error: "sources must be a list." }).max(100_000).default([]),
  documents: z.array(bundleDocumentSchema, { error: "documents must be a list." }).max(100_000).default([]),
  claims: z.array(bundleClaimSchema, { error: "claims must be a list." }).max(100_000).default([]),
  conflicts: z.array(bundleConflictSchema).optional(),
  reviews: z.array(bundleReviewSchema).optional(),
  links: z.array(bundleLinkSchema).optional(),
});

/** A validated bundle (dates as Date, defaults filled in). */
export type Bundle = z.infer<typeof bundleSchema>;
/** The bundle as JSON (what export writes and import reads). */
export type BundleJson = z.input<typeof bundleSchema>;
export type BundleSource = Bundle["sources"][number];
export type BundleDocument = Bundle["documents"][number];
export type BundleClaim = Bundle["claims"][number];
export type BundleAttribution = BundleClaim["attributions"][number];
