/**
 * Engine-level token helpers built on `normalize.ts`: segmentation repair, light stemming,
 * stopwords. Everything here produces *keys* for comparison, never text to store.
 */
import { normalizeText, stripArabicClitics, tokenize } from "./normalize.ts";

const ARABIC_START = /^[\u0621-\u064A]/;

/** Pronoun suffixes that clitic-segmented corpora (ArbTEDS, ATB style) write as separate tokens. */
const SEGMENTED_SUFFIX = new Set(["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ي", "ني"]);
/** One-letter proclitics written as separate tokens in segmented text. */
const SEGMENTED_PREFIX = new Set(["و", "ف", "ب", "ل", "ك", "س"]);

/**
 * Undo clitic segmentation: `و+ الجيش` / `و+الجيش` → `والجيش`, `أنصار +ه` → `أنصاره`, and the
 * space-separated form `أنصار ه`, `ب رباعية` seen in ArbTEDS. Unsegmented text passes through
 * (a lone و "and" is rejoined to the next word, which is also what normal orthography does).
 */
export function joinSegmented(text: string): string {
  const t = text.replace(/([\u0621-\u064A])\+\s*/g, "$1").replace(/\s*\+([\u0621-\u064A])/g, "$1");
  if (!/(^|\s)[\u0621-\u064A](\s|$)|\s(ها|هم|هما|هن)(\s|$)/.test(t)) return t;
  const parts = t.split(/(\s+)/);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (/^\s+$/.test(p) || p === "") {
      out.push(p);
      continue;
    }
    const bare = p.replace(/[\u064B-\u065F\u0640]/g, "");
    // suffix pronoun: glue to the previous Arabic word
    if (SEGMENTED_SUFFIX.has(bare) && out.length >= 2 && ARABIC_START.test(out[out.length - 2] ?? "")) {
      out.pop(); // whitespace
      out[out.length - 1] += p;
      continue;
    }
    // proclitic: glue to the next Arabic word
    if (SEGMENTED_PREFIX.has(bare) && i + 2 < parts.length && ARABIC_START.test(parts[i + 2])) {
      parts[i + 2] = p + parts[i + 2];
      i++; // skip the whitespace
      continue;
    }
    out.push(p);
  }
  return out.join("");
}

/**
 * Light stemmer shared by the index, the entity resolver and the pair model, so all three fold
 * the same way. Arabic: drops attached pronouns, plural/dual and nisba/feminine endings when a
 * stem of ≥3 letters remains (العراقية → عراق, قواتها → قو). English: a tiny s-stemmer plus
 * -ing/-ed/-ly. Deliberately aggressive: it is only used for keys.
 */
export function stem(token: string): string {
  if (ARABIC_START.test(token)) {
    let t = token;
    for (const suf of ["هما", "كما", "ها", "هم", "هن", "كم", "نا"]) {
      if (t.endsWith(suf) && t.length - suf.length >= 3) {
        t = t.slice(0, -suf.length);
        break;
      }
    }
    for (const suf of ["يات", "ات", "ون", "ين", "ان"]) {
      if (t.endsWith(suf) && t.length - suf.length >= 3) {
        t = t.slice(0, -suf.length);
        break;
      }
    }
    if (t.endsWith("ه") && t.length >= 4) t = t.slice(0, -1);
    if (t.endsWith("ي") && t.length >= 4) t = t.slice(0, -1);
    return t;
  }
  if (!/^[a-z]/.test(token) || token.length <= 3) return token;
  let t = token;
  if (t.endsWith("'s")) t = t.slice(0, -2);
  if (t.endsWith("ies") && t.length > 4) t = t.slice(0, -3) + "y";
  else if (t.endsWith("sses")) t = t.slice(0, -2);
  else if (t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is") && t.length > 3) t = t.slice(0, -1);
  if (t.endsWith("ing") && t.length > 5) t = t.slice(0, -3);
  else if (t.endsWith("ed") && t.length > 4) t = t.slice(0, -2);
  else if (t.endsWith("ly") && t.length > 4) t = t.slice(0, -2);
  if (t.endsWith("e") && t.length > 4) t = t.slice(0, -1);
  return t;
}

const STOP_EN = new Set(
  (
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those " +
    "he she they we you i his her their our your them him us me my has have had do does did will would shall should can could " +
    "may might must so than then there here into over about after before up down out off also just very what which who whom whose " +
    "when where why how all any both each few more most other some such only own same too s t said says say amp via rt"
  ).split(/\s+/),
);
const STOP_AR = new Set(
  (
    "في من على الى عن ان او ما هذا هذه ذلك تلك التي الذي الذين اللذين هو هي هم كان كانت يكون مع بعد قبل عند حتى قد " +
    "كل بين ثم اذا لقد انه انها منذ خلال اي ايضا حيث كما وقد به بها فيه فيها له لها لهم منه منها عليه عليها اليه الا عبر " +
    "تم وفق امام نحو دون ضد حول"
  )
    .split(/\s+/)
    .map((w) => normalizeText(w)),
);

/** Whether a (normalised, clitic-stripped) token is a function word in either language. */
export function isStopword(token: string): boolean {
  return STOP_EN.has(token) || STOP_AR.has(token);
}

/** Normalised surface tokens (no clitic stripping) after segmentation repair — for cue detection. */
export function surfaceTokens(text: string): string[] {
  return tokenize(normalizeText(joinSegmented(text)));
}

/**
 * Content terms: segmentation repaired, normalised, clitics stripped, stemmed, stopwords and
 * one-letter tokens dropped. This is the shared vocabulary of the index and the pair model.
 */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const raw of tokenize(normalizeText(joinSegmented(text)))) {
    const tok = stripClitics(raw);
    if (!tok || isStopword(tok)) continue;
    const s = stem(tok);
    if (s.length < 2 && !/^\d$/.test(s)) continue;
    if (isStopword(s)) continue;
    out.push(s);
  }
  return out;
}

/**
 * `stripArabicClitics` plus the stacked case it leaves behind: و/ف + ب/ل/ك + ال
 * (وبالحسكة → حسكه, فللجيش → جيش).
 */
export function stripClitics(token: string): string {
  const t = stripArabicClitics(token);
  if (t !== token && t.startsWith("ال") && t.length - 2 >= 2) return t.slice(2);
  if (t !== token && t.startsWith("لل") && t.length - 2 >= 2 && /^[وف]/.test(token)) return t.slice(2);
  return t;
}

/** Stemmed key for one surface token (normalise → strip clitics → stem). */
export function termOf(token: string): string {
  return stem(stripClitics(normalizeText(token)));
}
