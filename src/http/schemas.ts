/**
 * Input schemas for every resource, shared by the HTML forms and the JSON API (and the
 * bundle importer reuses the field validators). Objects are strict: unknown keys such as
 * `role`, `status` or `createdById` are refused, never silently accepted (mass assignment).
 *
 * Forms post strings; `formInput()` turns a urlencoded body into the API's shape first
 * (empty → absent, newline/comma lists → arrays) so one schema validates both.
 */
import { t } from "../i18n/index.ts";
import { z } from "zod";
import {
  LIMITS,
  claimStatus,
  conflictStatus,
  credibility,
  httpUrl,
  identifier,
  isoDate,
  language,
  pastDate,
  reliability,
  requiredText,
  sourceKind,
  stance,
  tag,
  text,
  username,
} from "../validation/fields.ts";

/**
 * A record picked from a list. Digit strings (forms) become numbers; arrays, booleans and other
 * types are refused, not coerced. The message names what to choose, in words ("Choose the source
 * who said it."; locales/*.json, choose.*), never the field key or "Must be a number.".
 */
const idOf = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: () => t("validation.chooseWhat", { what: t(`choose.${what}`) }) })
      .int({ error: () => t("validation.chooseWhatFromList", { what: t(`choose.${what}`) }) })
      .positive({ error: () => t("validation.chooseWhatFromList", { what: t(`choose.${what}`) }) }),
  );
const id = idOf("oneFromList");
const optionalIdOf = (what: string) => idOf(what).nullable().optional();
const optionalDate = isoDate.nullable().optional();

export const sourceSchema = z.strictObject({
  name: requiredText(LIMITS.name, "Name"),
  kind: sourceKind,
  reliability: reliability.default("F"),
  aliases: z
    .array(requiredText(LIMITS.alias, "Alias"), { error: () => t("validation.aliasesList") })
    .max(LIMITS.aliases)
    .default([]),
  notes: text(LIMITS.notes, "Notes").default(""),
  parentId: optionalIdOf("parent"),
});
export type SourceBody = z.infer<typeof sourceSchema>;

export const documentSchema = z.strictObject({
  title: requiredText(LIMITS.title, "Title"),
  url: httpUrl.nullable().optional(),
  publisherId: optionalIdOf("publisher"),
  publishedAt: pastDate("The publication date").nullable().optional(),
  retrievedAt: pastDate("The retrieval date").nullable().optional(),
  language: language,
  text: requiredText(LIMITS.documentText, "Text"),
});
export const documentUpdateSchema = documentSchema.omit({ text: true });

export const claimSchema = z.strictObject({
  text: requiredText(LIMITS.claim, "Claim"),
  language: language,
  translation: text(LIMITS.claim, "Translation").default(""),
  tags: z
    .array(tag)
    .max(LIMITS.tags, { error: () => t("validation.maxTags", { count: LIMITS.tags }) })
    .default([]),
  eventDate: optionalDate,
});

export const attributionSchema = z.strictObject({
  sourceId: idOf("source"),
  outletId: optionalIdOf("outlet"),
  viaId: optionalIdOf("via"),
  documentId: optionalIdOf("document"),
  stance: stance,
  quote: text(LIMITS.quote, "Quote").default(""),
  statedAt: pastDate("The statement date").nullable().optional(),
  credibility: credibility.nullable().optional(),
  credibilityNote: text(LIMITS.rationale, "Why this grade").default(""),
});
export const newAttributionSchema = attributionSchema.extend({ claimId: idOf("claim") });

export const reviewSchema = z.strictObject({
  status: claimStatus,
  rationale: requiredText(LIMITS.rationale, "Rationale"),
});

export const conflictStatusSchema = z.strictObject({
  status: conflictStatus,
  note: requiredText(LIMITS.rationale, "Note"),
});

export const confirmSchema = z.strictObject({
  decision: z.enum(["confirm", "reject"], { error: () => t("validation.confirmReject") }),
  note: text(LIMITS.rationale, "Note").default(""),
});

export const gradeSchema = z.strictObject({
  credibility: credibility,
  note: text(LIMITS.rationale, "Note").optional(),
});

/**
 * ?asOf=YYYY-MM-DD (end of that day, UTC) or a full timestamp. A date that does not exist
 * (2024-13-45) is refused with 400 and a message, not silently ignored (the page would show the
 * present while the reader believes it is the past).
 */
export const asOfQuery = z.object({
  asOf: z
    .string({ error: "asOf must be one date, such as 2024-03-28." })
    .max(40, { error: "asOf must be a date such as 2024-03-28." })
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      const d = day ? new Date(`${s}T23:59:59.999Z`) : /^\d{4}-\d{2}-\d{2}T/.test(s) ? new Date(s) : new Date(NaN);
      // 2024-02-30 parses as 1 March: compare the parts back.
      const real =
        !Number.isNaN(d.getTime()) &&
        (!day || (d.getUTCFullYear() === Number(day[1]) && d.getUTCMonth() + 1 === Number(day[2]) && d.getUTCDate() === Number(day[3])));
      if (!real) {
        ctx.addIssue({ code: "custom", message: `"${s.slice(0, 20)}" is not a date: give the day as YYYY-MM-DD, for example 2024-03-28.` });
        return z.NEVER;
      }
      return d;
    }),
});

export const settingsSchema = z.strictObject({
  twoPersonReview: z.boolean().default(false),
});

/** The admin page's re-analysis buttons: start (resumes a stopped run), restart from the first claim, stop. */
export const reanalyseActionSchema = z.strictObject({
  action: z.enum(["start", "restart", "stop"], { error: "Choose start, restart or stop." }),
});

export const linkDecisionSchema = z.strictObject({
  decision: z.enum(["confirm", "dismiss"], { error: () => t("validation.confirmDismiss") }),
  note: text(LIMITS.rationale, "Note").default(""),
});

export const mergeSchema = z.strictObject({
  intoId: idOf("mergeInto"),
  note: text(LIMITS.rationale, "Note").default(""),
});

/** Merge this source into another (`into`): its stances, documents and names move there. */
export const sourceMergeSchema = z.strictObject({
  into: id,
  note: text(LIMITS.rationale, "Note").default(""),
});

/** The source page's merge form: the same, plus the box that confirms it. */
export const sourceMergeFormSchema = sourceMergeSchema.extend({
  confirm: z.literal("yes", { error: "Tick the box to confirm: the merge moves every stance and name of this source." }),
});

/** An analyst's own link between two claims (link-claims.ts). */
export const claimLinkSchema = z.strictObject({
  otherClaimId: id,
  // "agree"/"conflict" (the stored names, as GET shows them) are taken as the same.
  relation: z
    .enum(["agrees", "contradicts", "agree", "conflict"], { error: "Relation must be agrees or contradicts." })
    .transform((r) => (r === "agree" ? "agrees" : r === "conflict" ? "contradicts" : r)),
  note: text(LIMITS.rationale, "Note").default(""),
});

/** ?linkQ=… on a claim page: find the claim to link to. */
export const linkSearchQuery = z.object({ linkQ: text(200).optional().catch(undefined) });

export const suggestStanceQuery = z.object({
  suggestDocumentId: z.coerce.number().int().positive().optional().catch(undefined),
  suggestSourceId: z.coerce.number().int().positive().optional().catch(undefined),
});

export const loginSchema = z.strictObject({
  username: text(64, "Username"),
  password: z.string().max(1024, { error: () => t("validation.passwordLong") }),
});

export const ROLE_VALUES = ["analyst", "reviewer", "admin"] as const;
export const userCreateSchema = z.strictObject({
  username,
  displayName: text(LIMITS.name, "Display name").default(""),
  role: z.enum(ROLE_VALUES, { error: () => t("validation.role") }),
  password: z
    .string()
    .min(12, { error: () => t("validation.passwordShort") })
    .max(1024),
});
export const userUpdateSchema = z.strictObject({
  role: z.enum(ROLE_VALUES, { error: () => t("validation.role") }),
  disabled: z.boolean().default(false),
});

/** ?page=K on a document's review (a page that is not a whole number is refused, not guessed), ?refresh=1 to compute it again. */
export const reviewQuery = z.object({
  page: z
    .string({ error: () => t("review.badPage") })
    .regex(/^\s*\d{1,6}\s*$/, { error: () => t("review.badPage") })
    .transform(Number)
    .refine((n) => n >= 1, { error: () => t("review.badPage") })
    .optional(),
  refresh: z.enum(["1"], { error: () => t("review.badRefresh") }).optional(),
});

const pageFields = {
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(25),
  q: text(200).optional().catch(undefined),
};
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

export const claimListQuery = z.object({
  ...pageFields,
  status: optionalEnum(["unreviewed", "verified", "disputed", "unverifiable"]),
  tag: text(50).optional().catch(undefined),
  sourceId: z.coerce.number().int().positive().optional().catch(undefined),
});
export const sourceListQuery = z.object({
  ...pageFields,
  kind: optionalEnum(["outlet", "agency", "official_body", "spokesperson", "person", "armed_group", "anonymous", "social_account", "other"]),
  reliability: optionalEnum(["A", "B", "C", "D", "E", "F"]),
});
export const documentListQuery = z.object({
  ...pageFields,
  publisherId: z.coerce.number().int().positive().optional().catch(undefined),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional()
    .catch(undefined),
});
export const conflictListQuery = z.object({
  ...pageFields,
  status: optionalEnum(["open", "confirmed", "dismissed", "resolved"]),
  kind: optionalEnum(["stance", "reversal", "contradiction", "detail"]),
});
export const auditListQuery = z.object({
  ...pageFields,
  pageSize: z.coerce.number().int().min(1).max(500).catch(50),
  action: text(50).optional().catch(undefined),
  entityType: text(50).optional().catch(undefined),
  entityId: text(50).optional().catch(undefined),
  actor: text(64).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
});

/** Keys whose form value is a list (one per line, or separated by commas). */
const LIST_KEYS = new Set(["aliases", "tags"]);
const BOOL_KEYS = new Set(["disabled", "twoPersonReview"]);

/**
 * Turn a urlencoded form body into the JSON shape the schemas expect. `_csrf` and other
 * underscore fields are transport, not data, and are dropped here. A repeated scalar field
 * (an array where one value is expected) is left as an array so the schema refuses it.
 */
export function formInput(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k.startsWith("_")) continue;
    if (LIST_KEYS.has(k) && typeof v === "string") {
      const sep = k === "tags" ? /[\s,،]+/ : /\r?\n|[,،]/;
      out[k] = v
        .split(sep)
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (BOOL_KEYS.has(k)) {
      out[k] = v === "on" || v === "true" || v === "1";
    } else if (v === "") {
      continue;
    } else {
      out[k] = v;
    }
  }
  for (const k of BOOL_KEYS) if (!(k in out) && k in body) out[k] = false;
  return out;
}

export { identifier };
