/**
 * Field validators shared by every edge (HTML forms, the JSON API, the bundle importer).
 * Text is kept exactly as given (it is evidence); we only refuse what can never be evidence:
 * NUL and C0 control characters other than tab, newline and carriage return. Identifiers
 * (usernames, tags, keys) additionally refuse bidi controls and zero-width characters, which
 * can make two different identifiers look the same (Trojan Source, spoofing).
 */
import { z } from "zod";

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
    .string({ error: (iss) => (iss.input === undefined ? `${label} is required.` : `${label} must be text.`) })
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .refine((s) => !FORBIDDEN_CONTROLS.test(s), { error: `${label} contains a control character (such as NUL) that is not allowed.` })
    .refine((s) => s.isWellFormed(), { error: `${label} contains an unpaired surrogate (not valid Unicode).` });
}

export function requiredText(max: number, label = "This field") {
  return text(max, label).refine((s) => s.trim().length > 0, { error: `${label} is required.` });
}

/** Identifier-like strings (usernames, tags, keys): no bidi controls or zero-width characters. */
export function identifier(max: number, label = "This identifier") {
  return requiredText(max, label).refine((s) => !BIDI_OR_ZERO_WIDTH.test(s), {
    error: `${label} contains invisible or direction-changing characters, which are not allowed in identifiers.`,
  });
}

export const username = identifier(64, "Username").refine((s) => /^[\p{L}\p{N}._-]+$/u.test(s), {
  error: "Username may contain letters, digits, dot, dash and underscore only.",
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
  { error: "URL must be a full http:// or https:// address." },
);

/** An ISO-8601 date or date-time; returned as a Date. */
export const isoDate = z
  .string({ error: "Date must be text such as 2024-03-28 or 2024-03-28T14:00:00Z." })
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    error: "Date must look like 2024-03-28 or 2024-03-28T14:00:00Z.",
  })
  .transform((s) => new Date(s));

export const language = z
  .string({ error: "Language must be a code such as ar or en." })
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "Language must be a code such as ar or en." });

export const SOURCE_KINDS = [
  "outlet",
  "agency",
  "official_body",
  "spokesperson",
  "person",
  "armed_group",
  "anonymous",
  "social_account",
  "other",
] as const;
export const sourceKind = z.enum(SOURCE_KINDS, { error: `Kind must be one of: ${SOURCE_KINDS.join(", ")}.` });

/** Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITY_GRADES = ["A", "B", "C", "D", "E", "F"] as const;
export const reliability = z.enum(RELIABILITY_GRADES, { error: "Reliability must be a grade from A to F." });

export const STANCES = ["asserted", "denied", "unverified"] as const;
export const stance = z.enum(STANCES, { error: "Stance must be asserted, denied or unverified." });

/** Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export const credibility = z.preprocess(
  (v) => (typeof v === "string" && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : v),
  z
    .number({ error: "Credibility must be a number from 1 to 6." })
    .int({ error: "Credibility must be a whole number from 1 to 6." })
    .min(1, { error: "Credibility must be from 1 to 6." })
    .max(6, { error: "Credibility must be from 1 to 6." }),
);

export const CLAIM_STATUSES = ["unreviewed", "verified", "disputed", "unverifiable"] as const;
export const claimStatus = z.enum(CLAIM_STATUSES, { error: "Status must be unreviewed, verified, disputed or unverifiable." });

export const CONFLICT_STATUSES = ["open", "confirmed", "dismissed", "resolved"] as const;
export const conflictStatus = z.enum(CONFLICT_STATUSES, { error: "Status must be open, confirmed, dismissed or resolved." });

export const tag = identifier(LIMITS.tag, "Tag").refine((s) => !/[\s,]/.test(s.trim()), { error: "A tag is one word (use - to join words)." });

/** Turn a ZodError into per-field messages keyed by the dotted path. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    const message = issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : issue.message;
    if (!(key in out)) out[key] = message;
    // A message on a list item (tags.2) is also shown beside the list's own field.
    const top = issue.path.length > 1 ? String(issue.path[0]) : null;
    if (top && !(top in out)) out[top] = message;
  }
  return out;
}
