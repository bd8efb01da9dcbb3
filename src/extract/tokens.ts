/**
 * Word tokens with offsets into the original text, plus the normalised keys the rest of the
 * extractor matches on. Evidence offsets always point into the caller's string; the keys are
 * only for comparison (normalizeText / stripArabicClitics from the engine).
 */
import { normalizeText, stripArabicClitics } from "../engine/normalize.ts";

export type TokKind = "word" | "num" | "punct" | "quote";

export interface Tok {
  /** Surface text exactly as in the input. */
  raw: string;
  start: number;
  end: number;
  kind: TokKind;
  /** normalizeText(raw) (diacritics, tatweel, hamza/ya/ta-marbuta folded, lower case). */
  norm: string;
  /** norm with the article / one-letter clitics stripped (engine's stripArabicClitics). */
  key: string;
  /** Latin word starting with an upper-case letter (English name / proper noun heuristic). */
  cap: boolean;
  arabic: boolean;
  /** Arabic word carrying the definite article (ال، وال، بال، لل …) — judged on the raw letters
   * so that a hamzated alef (ألايف، أليكس) is not mistaken for the article. */
  article: boolean;
}

/** Every quotation mark the extractor treats as a quote delimiter. */
export const QUOTE_CHARS = '"“”«»‹›„‟';
export const OPEN_QUOTES = "«‹„";
export const CLOSE_QUOTES = "»›";

const TOKEN_RE =
  /([\p{L}\p{M}\u0640]+(?:['’-][\p{L}\p{M}\u0640]+)*)|([0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,:٫٬][0-9\u0660-\u0669\u06F0-\u06F9]+)*%?)|([^\s\p{L}\p{M}\p{N}])/gu;

const ARABIC_RE = /[\u0600-\u06FF]/;

/** Tokenise `text` (or the slice [from, to)) keeping absolute offsets. */
export function tokenizeWithOffsets(text: string, from = 0, to = text.length): Tok[] {
  const out: Tok[] = [];
  const slice = text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(slice))) {
    const raw = m[0];
    const start = from + m.index;
    let kind: TokKind;
    if (m[1]) kind = "word";
    else if (m[2]) kind = "num";
    else kind = QUOTE_CHARS.includes(raw) ? "quote" : "punct";
    if (kind === "word" && raw.replace(/\u0640/g, "").length === 0) continue; // lone tatweel
    const norm = kind === "punct" || kind === "quote" ? raw : normalizeText(raw);
    out.push({
      raw,
      start,
      end: start + raw.length,
      kind,
      norm,
      key: kind === "word" ? stripArabicClitics(norm) : norm,
      cap: kind === "word" && /^[A-Z]/.test(raw),
      arabic: ARABIC_RE.test(raw),
      article: false,
    });
    const last = out[out.length - 1];
    if (last.kind === "word" && last.arabic) {
      const clean = raw.replace(/[\u064B-\u0652\u0670\u0640]/g, "");
      const m = /^(?:[وفبك]?ال|لل)(.*)$/.exec(clean);
      last.article = !!m && m[1].length >= 2;
    }
  }
  return out;
}

/** Normalised form with a leading conjunction و/ف removed (for cue and title lookup). */
export function withoutConj(norm: string): string {
  if (norm.length > 2 && (norm.startsWith("و") || norm.startsWith("ف"))) return norm.slice(1);
  return norm;
}

/**
 * Readable text for a token range: quote marks dropped, tatweel removed, a detached
 * preposition "لــ " glued to its noun, spaces collapsed.
 */
export function displayText(toks: Tok[]): string {
  const parts: string[] = [];
  let glue = false;
  for (const t of toks) {
    if (t.kind === "quote") continue;
    if (t.raw === "(" || t.raw === ")") continue;
    const raw = t.raw.replace(/\u0640/g, "");
    if (glue && parts.length) parts[parts.length - 1] += raw;
    else if (t.kind === "punct" && /^[،,.;؛:!?؟]$/.test(raw) && parts.length) parts[parts.length - 1] += raw;
    else parts.push(raw);
    glue = t.kind === "word" && t.arabic && (t.norm === "ل" || t.norm === "لل" || t.norm === "ب");
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** Clean a verbatim span for use as claim text: stray quote marks out, spaces collapsed. */
export function cleanClaim(s: string): string {
  return s
    .replace(/\u0640/g, "")
    .replace(/(^|[\s(])([لبك])\s*["“”«»‹›„‟]\s*/g, "$1$2") // ل”قوات → لقوات
    .replace(/["“”«»‹›„‟]/g, " ")
    .replace(/\(\s+/g, "(")
    .replace(/\s+\)/g, ")")
    .replace(/\s+([،,.;؛:!?؟])/g, "$1")
    .replace(/\s+/g, " ")
    .replace(/^[\s،,:;؛.\-–—]+|[\s،,:;؛\-–—]+$/g, "")
    .replace(/[.]+$/, "")
    .trim();
}
