/**
 * Text normalisation for Arabic and English.
 *
 * Evidence is always stored byte-exact; the functions here build *keys* for search and
 * matching only. Nothing in this module may be written back over the original text.
 *
 * Pure functions: no web, database or file-system imports (the engine is used by the app,
 * the CLI and the tests alike).
 */
import { FA_HOSTS, ROOT_INITIAL_WORDS } from "../lexicon/arabic-words.ts";

/** Arabic harakat, Quranic annotation marks, superscript alef, and the tatweel. */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
/** Bidi controls (embeddings, overrides, isolates, marks) and zero-width characters. */
const INVISIBLES = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\u00AD]/g;
/** Latin combining marks (after NFD) — café → cafe. */
const LATIN_MARKS = /[\u0300-\u036F]/g;

const ARABIC_INDIC_ZERO = 0x0660;
const EXT_ARABIC_INDIC_ZERO = 0x06f0;

/** Convert Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits to ASCII digits. */
export function foldDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const c = d.charCodeAt(0);
    const base = c >= EXT_ARABIC_INDIC_ZERO ? EXT_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO;
    return String(c - base);
  });
}

/**
 * Fold letter variants that writers use interchangeably:
 * أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, Persian ی/ک → ي/ك, standalone hamza dropped.
 */
export function foldArabicLetters(text: string): string {
  return text
    .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, "\u0627")
    .replace(/[\u0649\u06CC\u06D2]/g, "\u064A")
    .replace(/\u0629/g, "\u0647")
    .replace(/\u0624/g, "\u0648")
    .replace(/\u0626/g, "\u064A")
    .replace(/\u06A9/g, "\u0643")
    .replace(/\u0621/g, "");
}

/** Remove bidi controls and zero-width characters (never from stored evidence). */
export function stripInvisibles(text: string): string {
  return text.replace(INVISIBLES, "");
}

/**
 * Character-level normal form used before tokenising: NFKC (folds presentation forms and
 * ligatures such as ﻻ), invisibles and diacritics stripped, letters folded, digits ASCII,
 * lower case.
 */
export function normalizeText(text: string): string {
  let t = stripInvisibles(text.normalize("NFKC"));
  t = t.replace(ARABIC_MARKS, "");
  t = t.normalize("NFD").replace(LATIN_MARKS, "").normalize("NFC");
  t = foldDigits(foldArabicLetters(t));
  return t.toLowerCase();
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/** Split normalised text into word tokens (letters and digits). */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN_RE) ?? [];
}

const ARABIC_LETTER = /[\u0621-\u064A]/;

const ROOT_INITIAL = new Set(ROOT_INITIAL_WORDS.map((w) => normalizeText(w)));
const FA_HOST = new Set(FA_HOSTS.map((w) => normalizeText(w)));

/**
 * Strip the article and one-letter clitic prefixes from an (already normalised) Arabic token:
 * وال، فال، بال، كال، لل، ال، و، ف، ب، ل، ك. A prefix is only removed when what is left is a
 * plausible stem:
 *
 * - at least three letters remain (short roots such as ولد، بلد، فوق are left alone);
 * - a word whose first letter is a root letter that looks like a clitic (وزير، لبنان، بيان:
 *   src/lexicon/arabic-words.ts) keeps it;
 * - ف is a conjunction only before the article or a particle, pronoun or reporting verb
 *   (فالجيش، فإن، فقال); before any other word it is the word's first letter (فصائل، فلسطين).
 *
 * And the conjunction و never changes how the rest reads: «وفصائل» and «فصائل» give the same
 * key, as do «ووزير» and «وزير».
 */
export function stripArabicClitics(token: string): string {
  if (!ARABIC_LETTER.test(token.charAt(0)) || ROOT_INITIAL.has(token)) return token;
  // conjunction و: the rest normalises as the bare word would
  if (token.startsWith("و") && token.length - 1 >= 3) {
    return stripArabicClitics(token.slice(1));
  }
  return stripAfterConjunction(token);
}

/** Clitics after the conjunction و: ف, then the prepositions and the article. */
function stripAfterConjunction(token: string): string {
  if (ROOT_INITIAL.has(token)) return token;
  // a one-letter clitic before a word that keeps its own first letter: للبنان، بوزير، فوزير
  if (/^[فبلك]/.test(token) && ROOT_INITIAL.has(token.slice(1))) return token.slice(1);
  let t = token;
  if (t.startsWith("ف")) {
    const rest = t.slice(1);
    if (FA_HOST.has(rest)) return rest;
    if (!/^(?:ال|لل|[بك]ال)/.test(rest)) return t; // فصائل، فلسطين، فرنسا
    t = rest;
  }
  // preposition + article: بال كال
  const withArticle = /^[بك]ال(.+)$/.exec(t);
  if (withArticle && withArticle[1].length >= 2) return withArticle[1];
  // لل = ل + ال
  if (t.startsWith("لل") && t.length - 2 >= 2) return t.slice(2);
  if (t.startsWith("ال") && t.length - 2 >= 2) return t.slice(2);
  if (t !== token) return t; // ف + a short article form: the ف is gone, the rest stays
  if (/^[بلك]/.test(t) && t.length - 1 >= 3) return t.slice(1);
  return t;
}

/** Tokens for search and matching: normalised, clitics stripped, empty tokens dropped. */
export function keyTokens(text: string): string[] {
  return tokenize(normalizeText(text))
    .map(stripArabicClitics)
    .filter((t) => t.length > 0);
}

/**
 * The search key stored beside a record: its key tokens joined by single spaces, with a
 * leading and trailing space so a query token can be matched at a word start with
 * `LIKE '% token%'`.
 */
export function searchKey(text: string): string {
  const tokens = keyTokens(text);
  return tokens.length ? ` ${tokens.join(" ")} ` : "";
}

/** Whether a string contains Arabic letters (used to choose `lang`/`dir` hints). */
export function hasArabic(text: string): boolean {
  return /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/.test(text);
}
