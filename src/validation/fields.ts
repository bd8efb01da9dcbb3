/**
 * Field validators shared by every edge (HTML forms, the JSON API, the bundle importer).
 * Text is kept exactly as given (it is evidence); we only refuse what can never be evidence:
 * NUL and C0 control characters other than tab, newline and carriage return. Identifiers
 * (usernames, tags, keys) additionally refuse bidi controls and zero-width characters, which
 * can make two different identifiers look the same (Trojan Source, spoofing).
 */
import { z } from "zod";
import { t } from "../i18n/index.ts";

/**
 * Messages are made when a value is checked (zod calls these functions at parse time), so they
 * come out in the language of whoever sent the value. `label` is the field's English name, the
 * key of its translated name (field.<camelCase>).
 */
function labelOf(label: string): string {
  const key = `field.${label.toLowerCase().replace(/\s+(\p{L})/gu, (_, c: string) => c.toUpperCase())}`;
  const out = t(key);
  return out === key ? label : out;
}

const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const BIDI_OR_ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\u180E\uFEFF\u00AD]/;

export const LIMITS = {
  name: 200,
  title: 500,
  claim: 2000,
  quote: 5000,
  notes: 5000,
  rationale: 5000,
  documentText: 200_000,
  url: 2048,
  alias: 200,
  aliases: 50,
  tag: 50,
  tags: 20,
} as const;

/** Free text: trimmed of surrounding whitespace only; NUL and control characters refused. */
export function text(max: number, label = "This field") {
  return z
    .string({ error: (iss) => t(iss.input === undefined ? "validation.required" : "validation.notText", { label: labelOf(label) }) })
    .max(max, { error: () => t("validation.tooLong", { label: labelOf(label), count: max }) })
    .refine((s) => !FORBIDDEN_CONTROLS.test(s), { error: () => t("validation.control", { label: labelOf(label) }) })
    .refine((s) => s.isWellFormed(), { error: () => t("validation.surrogate", { label: labelOf(label) }) });
}

export function requiredText(max: number, label = "This field") {
  return text(max, label).refine((s) => s.trim().length > 0, { error: () => t("validation.required", { label: labelOf(label) }) });
}

/** Identifier-like strings (usernames, tags, keys): no bidi controls or zero-width characters. */
export function identifier(max: number, label = "This identifier") {
  return requiredText(max, label).refine((s) => !BIDI_OR_ZERO_WIDTH.test(s), {
    error: () => t("validation.invisible", { label: labelOf(label) }),
  });
}

export const username = identifier(64, "Username").refine((s) => /^[\p{L}\p{N}._-]+$/u.test(s), {
  error: () => t("validation.username"),
});

/** Only http(s) URLs are accepted, so a stored URL can never run script when clicked. */
export const httpUrl = text(LIMITS.url, "URL").refine(
  (s) => {
    try {
      const u = new URL(s);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  },
  { error: () => t("validation.url") },
);

/** An ISO-8601 date or date-time; returned as a Date. */
export const isoDate = z
  .string({ error: () => t("validation.date") })
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    error: () => t("validation.date"),
  })
  .transform((s) => new Date(s));

/**
 * Dates that cannot lie ahead: when a report was published or retrieved, when a statement was
 * made. A day of tolerance covers time zones (a report dated "today" in Baghdad can still be
 * "tomorrow" in UTC); a date beyond it (2099, a mistyped year) is refused with a message rather
 * than stored. Event dates are not limited: a claim can be about something announced for later.
 */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
export const pastDate = (what: string) =>
  isoDate.refine((d) => d.getTime() <= Date.now() + FUTURE_TOLERANCE_MS, { error: `${what} cannot be in the future; check the year.` });

export const language = z
  .string({ error: () => t("validation.language") })
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: () => t("validation.language") });

export const SOURCE_KINDS = ["outlet", "agency", "official_body", "spokesperson", "person", "armed_group", "anonymous", "social_account", "other"] as const;
export const sourceKind = z.enum(SOURCE_KINDS, { error: () => t("validation.kind", { list: SOURCE_KINDS.join(", ") }) });

/** Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITY_GRADES = ["A", "B", "C", "D", "E", "F"] as const;
export const reliability = z.enum(RELIABILITY_GRADES, { error: () => t("validation.reliability") });

export const STANCES = ["asserted", "denied", "unverified"] as const;
export const stance = z.enum(STANCES, { error: () => t("validation.stance") });

/** Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export const credibility = z.preprocess(
  (v) => (typeof v === "string" && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : v),
  z
    .number({ error: () => t("validation.credibility") })
    .int({ error: () => t("validation.credibility") })
    .min(1, { error: () => t("validation.credibility") })
    .max(6, { error: () => t("validation.credibility") }),
);

export const CLAIM_STATUSES = ["unreviewed", "verified", "disputed", "unverifiable"] as const;
export const claimStatus = z.enum(CLAIM_STATUSES, { error: () => t("validation.claimStatus") });

export const CONFLICT_STATUSES = ["open", "confirmed", "dismissed", "resolved"] as const;
export const conflictStatus = z.enum(CONFLICT_STATUSES, { error: () => t("validation.conflictStatus") });

export const tag = identifier(LIMITS.tag, "Tag").refine((s) => !/[\s,]/.test(s.trim()), { error: () => t("validation.tagWord") });

/** Turn a ZodError into per-field messages keyed by the dotted path. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    const message =
      issue.code === "unrecognized_keys" ? t("validation.unknownFields", { fields: issue.keys.join(", "), count: issue.keys.length }) : issue.message;
    if (!(key in out)) out[key] = message;
    // A message on a list item (tags.2) is also shown beside the list's own field.
    const top = issue.path.length > 1 ? String(issue.path[0]) : null;
    if (top && !(top in out)) out[top] = message;
  }
  return out;
}
