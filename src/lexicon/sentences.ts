/**
 * Sentence splitting for Arabic and English news text.
 *
 * Offsets are UTF-16 indexes into the ORIGINAL string: `text.slice(s.start, s.end) === s.text`.
 * Boundaries: line breaks (paragraphs), . ! ? ؟ ؛ … and runs such as "..." / "..". A terminator
 * inside a quotation does not end the sentence (a quote that ends with a terminator and is
 * followed by a new sentence does); decimals (3.5), abbreviations (U.S., Dr., e.g.) and Arabic
 * one-letter abbreviations (أ. د.) never split. When a paragraph leaves a quotation unclosed the
 * quote marks were not balanced, so that paragraph is split again ignoring quotes.
 */

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

const TERMINATORS = ".!?؟؛…";
/** Quote marks that open and close with the same glyph, or whose direction Arabic writers mix. */
const TOGGLE_QUOTES = '"“”„‟';
const OPENERS = "«‹";
const CLOSERS = "»›";
const TRAILING_CLOSERS = "\"“”»›’')]";

const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof gen col lt maj capt sgt cpl adm gov sen rep rev st jr sr no nos vs etc inc ltd co corp " +
    "dept est approx fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft pp vol ed eds al"
  ).split(" "),
);

function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}
function isArabicLetter(c: string | undefined): boolean {
  return c !== undefined && /[\u0621-\u064A]/.test(c);
}

/** The word (letters only) ending right before index i. */
function wordBefore(text: string, i: number): string {
  let k = i;
  while (k > 0 && /[\p{L}]/u.test(text[k - 1])) k--;
  return text.slice(k, i);
}

function nextNonSpace(text: string, j: number, end: number): string | undefined {
  while (j < end && isSpace(text[j])) j++;
  return j < end ? text[j] : undefined;
}

/** Split one paragraph [from, to) and return boundary end offsets (exclusive). */
function paragraphBoundaries(text: string, from: number, to: number, respectQuotes: boolean): { cuts: number[]; unbalanced: boolean } {
  const cuts: number[] = [];
  let inToggle = false;
  let depth = 0;
  let i = from;
  while (i < to) {
    const c = text[i];
    if (respectQuotes && TOGGLE_QUOTES.includes(c)) {
      if (inToggle) {
        inToggle = false;
        // "… انتهى.” وقال" / "He left." Then — a quote closing right after a terminator ends it.
        if (depth === 0 && endsWithTerminator(text, from, i) && followsNewSentence(text, i + 1, to)) cuts.push(i + 1);
      } else inToggle = true;
      i++;
      continue;
    }
    if (respectQuotes && OPENERS.includes(c)) {
      depth++;
      i++;
      continue;
    }
    if (respectQuotes && CLOSERS.includes(c)) {
      if (depth > 0) depth--;
      if (depth === 0 && !inToggle && endsWithTerminator(text, from, i) && followsNewSentence(text, i + 1, to)) cuts.push(i + 1);
      i++;
      continue;
    }
    if (!TERMINATORS.includes(c)) {
      i++;
      continue;
    }
    let j = i;
    while (j < to && TERMINATORS.includes(text[j])) j++;
    const run = text.slice(i, j);
    if (inToggle || depth > 0) {
      i = j;
      continue;
    }
    if (run === ".") {
      const prev = text[i - 1];
      const next = text[i + 1];
      if (prev && next && /\p{N}/u.test(prev) && /\p{N}/u.test(next)) {
        i = j;
        continue; // decimal 3.5
      }
      const w = wordBefore(text, i);
      if (w && (w.length === 1 || ABBREVIATIONS.has(w.toLowerCase()))) {
        i = j;
        continue; // U.S. / Dr. / أ.
      }
      if (w && /^[A-Z]{2,4}$/.test(w) && text[i - w.length - 1] === ".") {
        i = j;
        continue; // tail of an initialism like "U.S.A."
      }
    }
    // closing quotes / brackets that belong to the ending sentence
    let k = j;
    while (k < to && TRAILING_CLOSERS.includes(text[k]) && !(TOGGLE_QUOTES.includes(text[k]) && !inToggle && isOpeningToggle(text, k, to))) k++;
    const after = text[k];
    if (k >= to || isSpace(after) || (isArabicLetter(after) && run !== ".")) {
      const nxt = nextNonSpace(text, k, to);
      if (nxt !== undefined && /[a-z]/.test(nxt) && (run === "." || run.startsWith(".."))) {
        i = j;
        continue; // "approx. five", "... and then"
      }
      if (nxt === undefined && k >= to) {
        i = j;
        continue; // paragraph end is a boundary anyway
      }
      cuts.push(k);
      i = k;
      continue;
    }
    if (isArabicLetter(after) && run === "." && wordBefore(text, i).length > 1) {
      cuts.push(k); // "الحدود.وقال" — missing space after the full stop
      i = k;
      continue;
    }
    i = j;
  }
  return { cuts, unbalanced: inToggle || depth > 0 };
}

/** A toggle quote at k opens a new quotation if a word follows it directly. */
function isOpeningToggle(text: string, k: number, to: number): boolean {
  const n = text[k + 1];
  return k + 1 < to && n !== undefined && /[\p{L}\p{N}]/u.test(n) && isSpace(text[k - 1]);
}

function endsWithTerminator(text: string, from: number, i: number): boolean {
  let k = i - 1;
  while (k >= from && isSpace(text[k])) k--;
  return k >= from && ".!?؟…".includes(text[k]) && !(text[k] === "." && wordBefore(text, k).length === 1);
}

function followsNewSentence(text: string, j: number, to: number): boolean {
  if (j >= to || !isSpace(text[j])) return false;
  const n = nextNonSpace(text, j, to);
  if (n === undefined) return false;
  return !/[a-z,،;:]/.test(n);
}

/** Split `text` into sentences with offsets into the original string. */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const push = (a: number, b: number) => {
    while (a < b && isSpace(text[a])) a++;
    while (b > a && isSpace(text[b - 1])) b--;
    if (b <= a) return;
    const s = text.slice(a, b);
    if (!/[\p{L}\p{N}]/u.test(s)) return;
    out.push({ text: s, start: a, end: b });
  };
  let p = 0;
  while (p <= text.length) {
    let q = text.indexOf("\n", p);
    if (q < 0) q = text.length;
    let { cuts, unbalanced } = paragraphBoundaries(text, p, q, true);
    if (unbalanced) cuts = paragraphBoundaries(text, p, q, false).cuts;
    let a = p;
    for (const c of cuts) {
      push(a, c);
      a = c;
    }
    push(a, q);
    p = q + 1;
  }
  return out;
}
