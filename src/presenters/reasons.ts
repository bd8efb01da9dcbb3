/**
 * The engine's reasons in plain words for analysts. The engine writes its reasons for
 * whoever tunes it: stems ("حما" for حماية), BM25 scores, n-gram similarities. Here each reason
 * becomes a sentence an analyst reads ("shares the words «حماية»، «الحدود»" with the words as
 * written in the two claims), and the engine's own wording goes to `technical`, which the page
 * shows behind a disclosure. Stored reasons are not rewritten: the same strings stay in the
 * database, the audit trail and the API.
 */
import { termOf } from "../engine/text.ts";
import { t } from "../i18n/index.ts";
import { reasonText } from "./reason-text.ts";

export interface PlainReasons {
  /** Sentences for the reader. */
  plain: string[];
  /** The engine's wording, scores and stems (for the disclosure). */
  technical: string[];
}

const ISOLATE = /([«'‘“"])([^«»'‘’“”"\n]*\p{Script=Arabic}[^«»'‘’“”"\n]*)([»'’”"])/gu;

/**
 * Quoted words inside a sentence of the other direction, isolated (FSI … PDI) so the marks
 * around them stay in place: «تنفي» in an English sentence used to come out as «تنفي«.
 */
export function isolateQuoted(s: string): string {
  return s.replace(ISOLATE, (_m, open: string, inner: string, close: string) =>
    inner.startsWith("\u2068") ? `${open}${inner}${close}` : `${open}\u2068${inner}\u2069${close}`,
  );
}

/** Surface words of the texts by their engine key (first spelling seen wins). */
function wordsByKey(texts: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of texts) {
    for (const raw of t.split(/[\s،,.;:!?؟؛()«»"“”'‘’[\]{}/\\|-]+/u)) {
      const w = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (!w) continue;
      const k = termOf(w);
      if (k && !out.has(k)) out.set(k, w);
    }
  }
  return out;
}

/** «word» joined in the reading order of the list (isolated so Arabic quotes keep their marks). */
function quoted(words: string[]): string {
  return words.map((w) => `«\u2068${w}\u2069»`).join(", ");
}

function wholeWords(stems: string[], byKey: Map<string, string>): string[] {
  const out: string[] = [];
  for (const s of stems) {
    const k = s.trim().replace(/^['"«]|['"»]$/g, "");
    if (!k) continue;
    // a stem key of the engine → the word as written in one of the texts
    let w = byKey.get(k) ?? byKey.get(termOf(k));
    if (!w)
      for (const [key, word] of byKey)
        if (key.startsWith(k) || k.startsWith(key)) {
          w = word;
          break;
        }
    if (w && !out.includes(w)) out.push(w);
  }
  return out;
}

// Reasons that need the compared texts (stems turned back into words) or are dropped as noise;
// every other reason goes through reason-text.ts, in the interface's language.
const RULES: Array<[RegExp, (m: RegExpExecArray, byKey: Map<string, string>) => string | null]> = [
  [
    /^shared words: (.+)$/,
    (m, byKey) => {
      const words = wholeWords(m[1].split(/,\s*/), byKey);
      return words.length ? t("reasonText.pair.sharedWords", { list: quoted(words) }) : t("reasonText.pair.sharesSeveral");
    },
  ],
  [
    /^(\d+)% of content words shared(?: \((.+)\))?$/,
    (m, byKey) => {
      const words = m[2] ? wholeWords(m[2].replace(/ and \d+ more$/, "").split(/,\s*|\s+and\s+/), byKey) : [];
      return words.length ? t("reasonText.pair.sharedWords", { list: quoted(words) }) : Number(m[1]) > 0 ? t("reasonText.pair.sharesSome") : null;
    },
  ],
  [/^\d+ word\(s\) only in A, \d+ only in B$/, () => null],
  [/^negation words: \d+ in A vs \d+ in B$/, () => null],
  [/^low overlap with the claim: [\d.]+ ?(?:\((.*)\))?$/, () => t("reasonText.stance.saysLittle")],
];

/**
 * Plain sentences for the engine's reasons. `texts` are the texts the reasons compare (the
 * claim and the other claim, or the claim and the document's sentence); stems are turned back
 * into the words they came from. Unknown reasons are kept as they are.
 */
export function plainReasons(reasons: string[], texts: string[]): PlainReasons {
  const byKey = wordsByKey(texts);
  const plain: string[] = [];
  for (const r of reasons) {
    const rule = RULES.find(([re]) => re.test(r));
    const sentence = rule ? rule[1](rule[0].exec(r)!, byKey) : reasonText(r.replace(/\s*\((?:BM25|score|idf)[^)]*\)/g, ""));
    const clean = sentence ? isolateQuoted(sentence) : sentence;
    if (clean && !plain.includes(clean)) plain.push(clean);
  }
  return { plain, technical: reasons };
}

/** A score 0–1 as the page states it: a word in the interface's language, with the number for the disclosure. */
export function strength(score: number): string {
  if (score >= 0.8) return t("reasonText.strength.strong");
  if (score >= 0.5) return t("reasonText.strength.likely");
  return t("reasonText.strength.weak");
}
