/**
 * Who is speaking: reading the speaker noun phrase next to a reporting cue, classifying it
 * (anonymous / person / official body / outlet / state), resolving short back-references
 * ("وأضاف بالي", "وأضافت المصادر", "بحسب المركز") to an earlier speaker, and matching it to
 * the analyst's known sources by normalised name and aliases.
 */
import { canonicalBodyName, canonicalBodyNameEn } from "./source-names.ts";
import { hasArabic, keyTokens, normalizeText } from "../engine/normalize.ts";
import { ANON_HEADS_AR, ANON_HEADS_EN } from "./reporting.ts";
import { GAZ, GAZ_FIRST_KEYS, TITLES, WEEKDAYS_AR } from "./gazetteer.ts";
import { detectPeople } from "./details.ts";
import { type Tok, displayText, withoutConj } from "./tokens.ts";

export interface KnownSource {
  id: string | number;
  name: string;
  aliases: string[];
  kind: string;
}

export type SpeakerKind = "anonymous" | "person" | "official_body" | "outlet" | "state" | "unknown";

export interface Speaker {
  /** Display name: the person's name, the body's name, or "مصادر خاصة (Outlet)". */
  name: string;
  matchedSourceId?: string | number;
  /** Name of the matched known source (the person may speak for it: matchedVia "role"). */
  matchedSourceName?: string;
  matchedVia?: "name" | "alias" | "role" | "outlet";
  kind?: SpeakerKind;
  /** True when no known source matched: the analyst would create a new Source. */
  isNew: boolean;
  /** Title / position, e.g. "رئيس المركز الإعلامي لقوات سوريا الديمقراطية". */
  role?: string;
  /** The words in the text that named the speaker here (may be a back-reference: "بالي"). */
  surface?: string;
  start?: number;
  end?: number;
  /** Other names a new source would be created with (a description as written, a short name). */
  aliases?: string[];
  /** Set when `surface` was a back-reference resolved to an earlier speaker. */
  resolvedFrom?: string;
  /** For anonymous sources: the outlet the sources spoke to. */
  outlet?: string;
  /**
   * The body a new source belongs to, named in its description ("المركز الإعلامي التابع لقوات
   * سوريا الديمقراطية المعروفة اختصاراً قسد" → قوات سوريا الديمقراطية, short name قسد), matched to a
   * known source when there is one. Its short names are the parent's, never the child's: «قسد»
   * names the SDF, not its media centre.
   */
  parent?: { name: string; aliases: string[]; matchedSourceId?: string | number; matchedSourceName?: string };
}

const N = (s: string) =>
  s
    .split("،")
    .map((w) => normalizeText(w.trim()))
    .filter(Boolean);

/** Words that end an Arabic speaker phrase. */
const NP_STOP = new Set([
  ...N(
    "في، من، على، إلى، الى، عن، مع، خلال، أن، إن، أنه، أنها، إنه، إنها، بأن، بأنه، بأنها، فإن، اليوم، أمس، مؤخراً، مؤخرا، حيث، بعد، قبل، منذ، عبر، بشأن، حول، حديثها، حديثه، حديثهم، تصريح، تصريحات، تصريحه، تصريحها، بيان، بيانها، بيانه، قوله، قولها، بالقول، أي، أيضاً، أيضا، كل، ذلك، هذا، هذه، التي، الذي، الذين، قد، لا، لم، ما، يوم، صباح، مساء، عقب، أمام، لدى، ضمن، ثم، كما",
  ),
  ...WEEKDAYS_AR.map(normalizeText),
]);
const COMPLEMENTIZERS = new Set(N("أن، إن، أنه، أنها، إنه، إنها، بأن، بأنه، بأنها، فإن، فإنه، أنهم، إنهم، بأنهم، أنّ، إنّ"));
const STATEMENT_NOUNS = new Set(N("بيان، بيانا، تقرير، رسالة، تغريدة، منشور، تصريح"));
const QUANTIFIERS = new Set(N("عدد، العديد، بعض، أحد، إحدى، عدة، كثير، جملة"));
const OUTLET_HEADS = new Set(N("وسائل، وكالة، قناة، صحيفة، موقع، تلفزيون، شبكة، إذاعة، مجلة، منصة، راديو، جريدة، الإعلام، إعلام"));
const OFFICIAL_HEADS = new Set(
  N(
    "الجيش، جيش، وزارة، الحكومة، حكومة، المركز، مركز، قوات، القوات، قيادة، القيادة، هيئة، مجلس، الإدارة، إدارة، الشرطة، خلية، المرصد، التحالف، الرئاسة، رئاسة، مكتب، المكتب، البرلمان، قسد، الحشد، الأمن، مديرية، السلطات، الخارجية، الدفاع، الداخلية، الأمم، منظمة، المنظمة، الوحدات، وحدات",
  ),
);
const EN_OUTLET = new Set("reuters afp ap bbc cnn agency newspaper tv television channel broadcaster outlet media site website".split(" "));
const EN_OFFICIAL = new Set(
  "army ministry government command forces police council coalition observatory centre center office authorities military presidency parliament administration department agency sdf ypg".split(
    " ",
  ),
);
const EN_BOUNDARY = new Set(["that", "which", "who", "and", "but", "while", "as", "after", "when", "because", "although", "where"]);
const EN_ADVERBS = new Set([
  "reportedly",
  "allegedly",
  "also",
  "later",
  "earlier",
  "then",
  "previously",
  "recently",
  "further",
  "once",
  "had",
  "has",
  "have",
  "publicly",
  "flatly",
  "firmly",
  "repeatedly",
  "reportedly",
]);
const PRONOUNS_EN = new Set(["he", "she", "they", "it", "we", "i"]);

export function isComplementizer(t: Tok | undefined): boolean {
  return !!t && t.kind === "word" && t.arabic && COMPLEMENTIZERS.has(t.norm);
}
export function isArabicStop(t: Tok | undefined): boolean {
  return !!t && t.kind === "word" && NP_STOP.has(t.norm);
}

export interface NPResult {
  a: number;
  b: number;
  /** Where scanning for the content may resume (after a closing quote that belonged to the phrase). */
  next: number;
  /** The addressee in "أفادت مصادر خاصة لـ«X»", if any. */
  addressee?: string;
}

function outletMatches(phrase: string, outlet?: { name: string; aliases?: string[] }): boolean {
  if (!outlet) return false;
  const k = keyTokens(phrase).join(" ");
  return [outlet.name, ...(outlet.aliases ?? [])].some((n) => {
    const kn = keyTokens(n).join(" ");
    return kn.length > 0 && (k === kn || k.includes(kn) || kn.includes(k));
  });
}

/** Index of the quote mark that closes the one at i (same sentence), or -1. */
export function closingQuote(toks: Tok[], i: number, limit: number): number {
  const open = toks[i].raw;
  const want = open === "«" ? "»" : open === "‹" ? "›" : null;
  for (let j = i + 1; j < limit; j++) {
    if (toks[j].kind !== "quote") continue;
    if (want ? toks[j].raw === want : !"«»‹›".includes(toks[j].raw)) return j;
  }
  return -1;
}

/**
 * Read an Arabic speaker phrase starting at token i (VSO order: right after the verb).
 * Stops at complementizers, prepositions, time words, other cues (`isCue`) and at an
 * addressee "لـ«X»" (recorded). Returns b === a when nothing speaker-like is there.
 */
export function parseArabicNP(toks: Tok[], i: number, limit: number, isCue: (idx: number) => boolean, outlet?: { name: string; aliases?: string[] }): NPResult {
  let j = i;
  let words = 0;
  let hasTitle = false;
  let nameRun = 0;
  let bareRun = 0;
  let firstNorm = "";
  let lastWord: Tok | undefined;
  let addressee: string | undefined;
  let addresseeEnd = -1;
  let quotes = 0;
  while (j < limit && words < 14) {
    const t = toks[j];
    if (t.kind === "quote" && quotes % 2 === 1 && !"«‹".includes(t.raw)) {
      quotes++; // closes a quote opened inside the phrase: ” قسد”
      j++;
      continue;
    }
    if (t.kind === "quote") {
      // a quote that opens the content ends the phrase; one inside the name is transparent
      let k = j + 1;
      while (k < limit && toks[k].kind === "quote") k++;
      if (k >= limit || isCue(k) || isComplementizer(toks[k]) || (words === 0 && toks[k].kind !== "word")) break;
      if (lastWord && lastWord.norm !== "ل" && !lastWord.article && words > 0 && !/^(?:التابع|المعروف)/.test(lastWord.norm) && closingQuote(toks, j, limit) < 0)
        break;
      quotes++;
      j++;
      continue;
    }
    if (t.raw === "(") {
      const close = toks.findIndex((u, idx) => idx > j && idx < limit && u.raw === ")");
      if (close > 0 && close - j <= 6) {
        j = close + 1;
        continue;
      }
      break;
    }
    if (t.kind === "punct") {
      // apposition: "رئيس المركز …، مصطفى بالي،"
      if ((t.raw === "،" || t.raw === ",") && words > 0) {
        let k = j + 1;
        let run = 0;
        while (k < limit && toks[k].kind === "word" && run < 4 && !NP_STOP.has(toks[k].norm) && !toks[k].article && !isCue(k) && !isComplementizer(toks[k])) {
          k++;
          run++;
        }
        if (run >= 2 && run <= 4 && (k >= limit || toks[k].kind === "punct" || NP_STOP.has(toks[k].norm) || isComplementizer(toks[k]))) {
          j = k;
          words += run;
          nameRun = run;
          continue;
        }
      }
      break;
    }
    if (t.kind !== "word") break;
    if (isCue(j) || isComplementizer(t)) break;
    const base = withoutConj(t.norm);
    if (words === 0 && STATEMENT_NOUNS.has(t.norm)) {
      // "وأكد بيان صادر عن قسد أن …" / "أعلن بيان الخارجية العراقية": the body behind the statement speaks
      j++;
      if (toks[j] && /^صادر/.test(toks[j].norm)) j++;
      if (toks[j] && (toks[j].norm === "عن" || toks[j].norm === "من" || toks[j].norm === "ل")) j++;
      continue;
    }
    // "مصدر في الحشد الشعبي", "مسؤول في وزارة الدفاع": where an unnamed source sits
    if (
      t.norm === "في" &&
      words > 0 &&
      words <= 3 &&
      (ANON_HEADS_AR.has(firstNorm) || TITLES.has(firstNorm) || TITLES.has(withoutConj(firstNorm))) &&
      toks[j + 1]?.kind === "word" &&
      !NP_STOP.has(toks[j + 1].norm) &&
      (toks[j + 1].article || OFFICIAL_HEADS.has(toks[j + 1].norm) || (words >= 2 && GAZ_FIRST_KEYS.has(toks[j + 1].key)))
    ) {
      // also "رئيس المجلس المحلي في تل أبيض أحمد الحسن": a title's place, then the name
      lastWord = t;
      words++;
      j++;
      bareRun = 0;
      continue;
    }
    if (NP_STOP.has(t.norm) && !(t.norm === "من" && lastWord && QUANTIFIERS.has(lastWord.norm))) break;
    // addressee: لـ«X» / لقناة X / ل + the outlet's own name
    if (t.arabic && (t.norm === "ل" || (/^ل/.test(t.norm) && t.key !== t.norm)) && words > 0) {
      const nextIdx = t.norm === "ل" ? j + 1 : j;
      const nx = toks[nextIdx];
      const guillemet = nx && nx.raw === "«";
      const headWord = t.norm === "ل" ? (toks[nextIdx]?.norm ?? "") : t.key;
      const possessive = lastWord && /^(?:التابع|التابعه|المعروف)/.test(lastWord.norm);
      if (!possessive && (guillemet || OUTLET_HEADS.has(headWord) || outletMatches(phraseFrom(toks, nextIdx, limit), outlet))) {
        addressee = phraseFrom(toks, nextIdx, limit);
        addresseeEnd = phraseEnd(toks, nextIdx, limit);
        break;
      }
    }
    if (words === 0) {
      if (t.arabic && t.norm.length < 2) break;
      bareRun = t.article ? 0 : 1;
      firstNorm = t.norm;
      hasTitle = TITLES.has(t.norm) || TITLES.has(base);
      lastWord = t;
      words++;
      j++;
      continue;
    }
    const prev = lastWord!;
    const take =
      t.article ||
      t.norm === "ل" ||
      prev.norm === "ل" ||
      (/^ل/.test(t.norm) && t.key !== t.norm) ||
      (!prev.article && !TITLES.has(prev.norm) && nameRun === 0) || // construct state: مصادر خاصة، وزارة الدفاع
      TITLES.has(prev.norm) ||
      (hasTitle && nameRun < 4) ||
      /^(?:المعروف|المعروفه)$/.test(prev.norm) ||
      /^(?:اختصارا|باسم)$/.test(prev.norm) ||
      QUANTIFIERS.has(prev.norm) ||
      prev.norm === "من" ||
      prev.norm === "في";
    if (!take) break;
    // "مصادر خاصة" / "مصدر أمني عراقي": an indefinite phrase is a head and its adjectives, not a
    // chain that runs on into the object ("صفحات محلية أنباء …")
    const quantified = t.norm === "من" || prev.norm === "من" || prev.norm === "في" || QUANTIFIERS.has(prev.norm);
    if (!t.article && !hasTitle && !quantified && t.norm !== "ل" && prev.norm !== "ل" && !/^(?:اختصارا|باسم|المعروف|المعروفه)$/.test(prev.norm)) {
      bareRun = prev.article ? 1 : bareRun + 1;
      const namedHead = OUTLET_HEADS.has(firstNorm) || OFFICIAL_HEADS.has(firstNorm);
      if (bareRun >= (namedHead ? 5 : 3) && !/(?:ي|يه|ين|ون)$/.test(t.norm)) break;
    }
    if (!t.article && hasTitle && !TITLES.has(t.norm)) nameRun++;
    lastWord = t;
    words++;
    j++;
  }
  // do not end on a dangling preposition / quote
  let b = j;
  while (b > i && (toks[b - 1].kind === "quote" || toks[b - 1].norm === "ل" || toks[b - 1].raw === "،")) b--;
  return { a: i, b, next: Math.max(b, j, addresseeEnd), addressee };
}

/** Token index just after the addressee phrase starting at i. */
function phraseEnd(toks: Tok[], i: number, limit: number): number {
  if (!toks[i]) return i;
  if (toks[i].kind === "quote") {
    const c = closingQuote(toks, i, limit);
    if (c > i) return c + 1;
  }
  let j = i;
  while (j < limit && j - i < 4 && toks[j].kind === "word" && !NP_STOP.has(toks[j].norm)) j++;
  return j;
}

/** The quoted or next few words starting at i, for addressee names. */
function phraseFrom(toks: Tok[], i: number, limit: number): string {
  if (!toks[i]) return "";
  if (toks[i].kind === "quote") {
    const c = closingQuote(toks, i, limit);
    if (c > i) return displayText(toks.slice(i + 1, c));
  }
  let j = i;
  while (j < limit && j - i < 4 && toks[j].kind === "word" && !NP_STOP.has(toks[j].norm)) j++;
  const words = toks.slice(i, j);
  // "للموقع" → "الموقع", "لقناة" → "قناة"
  const f = words[0];
  if (f && f.arabic && /^ل/.test(f.norm) && f.key !== f.norm) {
    const raw = f.norm.startsWith("لل") ? "ال" + f.raw.slice(2) : f.raw.slice(1);
    words[0] = { ...f, raw };
  }
  return displayText(words);
}

/**
 * English speaker phrase ending right before token v (SVO: "The Iraqi army denied …").
 * Returns the phrase start, or v when none; handles "Name, a spokesman for X, said".
 */
export function parseEnglishLeftNP(
  toks: Tok[],
  v: number,
  from: number,
  isCue: (i: number) => boolean = () => false,
): { a: number; b: number; nameA?: number; nameB?: number } {
  let b = v;
  // "Khoza reportedly said", "the ministry also said": adverbs are not part of the speaker
  while (b > from && toks[b - 1].kind === "word" && EN_ADVERBS.has(toks[b - 1].norm)) b--;
  let a = b;
  while (a > from && a - 1 >= 0) {
    const t = toks[a - 1];
    if (isCue(a - 1)) break;
    if (t.kind === "quote" || (t.kind === "punct" && t.raw !== "'" && t.raw !== "’" && t.raw !== "." && t.raw !== "(" && t.raw !== ")" && t.raw !== "-")) break;
    // a dash with spaces on both sides ends a dateline ("BAGHDAD, March 28 (Reuters) - The SDF said");
    // a hyphen inside a word ("Kurdish-led") does not
    if (/^[-–—]$/.test(t.raw) && toks[a - 2] && toks[a - 2].end < t.start && b > a && toks[a].start > t.end) break;
    if (t.kind === "word" && EN_BOUNDARY.has(t.norm) && a < b) break;
    if (t.raw === "." && !(toks[a - 2] && toks[a - 2].kind === "word" && toks[a - 2].raw.length <= 3)) break;
    if (b - a > 12) break;
    a--;
  }
  if (a === b && toks[b - 1]?.raw === ",") {
    // "Ahmed Hassan, a spokesman for the ministry, said" — role between commas, name before
    const c = b - 1;
    let r = c;
    while (r > from && toks[r - 1].raw !== "," && toks[r - 1].kind !== "quote" && c - r < 12) r--;
    if (r < c && toks[r]?.kind === "word" && /^(?:a|an|the)$/.test(toks[r].norm) && toks[r - 1]?.raw === ",") {
      let na = r - 1;
      while (na > from && (toks[na - 1].cap || toks[na - 1].raw === ".") && r - 1 - na < 5) na--;
      if (na < r - 1) return { a: r, b: c, nameA: na, nameB: r - 1 };
    }
  }
  return { a, b };
}

/** English speaker phrase starting at i ("… said John Smith, a spokesman."): up to a comma / end. */
export function parseEnglishRightNP(toks: Tok[], i: number, limit: number): { a: number; b: number } {
  let j = i;
  while (
    j < limit &&
    toks[j].kind !== "quote" &&
    !(toks[j].kind === "punct" && toks[j].raw !== "." && toks[j].raw !== "'" && toks[j].raw !== "-") &&
    j - i < 10
  ) {
    // "TimesLive.com" — a full stop inside a domain name does not end the phrase
    const inDomain = toks[j].raw === "." && toks[j + 1] && toks[j + 1].start === toks[j].end && toks[j - 1]?.end === toks[j].start;
    if (toks[j].raw === "." && !inDomain && (j + 1 >= limit || toks[j - 1]?.raw.length > 3)) break;
    if (toks[j].arabic) break;
    if (toks[j].kind === "word" && (toks[j].norm === "on" || toks[j].norm === "in" || EN_BOUNDARY.has(toks[j].norm)) && j > i) break;
    j++;
  }
  return { a: i, b: j };
}

/** Base (indefinite) form of an Arabic phrase: "المصادر الخاصة" → "مصادر خاصة". */
function indefinite(toks: Tok[]): string {
  let inPP = false; // "مصدر في الحشد الشعبي": the place keeps its article
  return displayText(
    toks.map((t) => {
      if (t.norm === "في" || t.norm === "من" || t.norm === "ل") inPP = true;
      return !inPP && t.article && t.raw.startsWith("ال") ? { ...t, raw: t.raw.slice(2) } : t;
    }),
  );
}

export interface SpeakerContext {
  outlet?: { name: string; aliases?: string[] };
  known: KnownSource[];
  /** Speakers introduced so far, most recent last. */
  history: Speaker[];
}

const STOP_KEYS = new Set(["تابع", "تابعه", "معروف", "معروفه", "اختصارا", "ل", "لل", "the", "of", "for", "a", "an", "s", "and", "و", "باسم", "عام", "عامه"]);
function contentKeys(s: string): string[] {
  return keyTokens(s).filter((k) => k.length > 1 && !STOP_KEYS.has(k));
}

/** Best known source whose name or an alias is contained in `phrase` (more matched words win). */
export function matchKnown(phrase: string, known: KnownSource[]): { source: KnownSource; via: "name" | "alias"; score: number } | undefined {
  const have = new Set(contentKeys(phrase));
  if (!have.size) return undefined;
  // A part named with the body it belongs to («المركز الإعلامي لقوات سوريا الديمقراطية», "the
  // media office of the SDF") is not that body: it may match itself, never its parent.
  const canon = hasArabic(phrase) ? canonicalBodyName(phrase) : canonicalBodyNameEn(phrase.replace(/^the\s+(?=\S)/i, ""));
  const parentKeys = canon.parent ? [canon.parent.name, ...canon.parent.aliases].map((n) => [...new Set(contentKeys(n))].sort().join(" ")) : [];
  let best: { source: KnownSource; via: "name" | "alias"; score: number } | undefined;
  for (const src of known) {
    const cands: Array<[string, "name" | "alias"]> = [[src.name, "name"], ...src.aliases.map((a) => [a, "alias"] as [string, "alias"])];
    for (const [cand, via] of cands) {
      const need = contentKeys(cand);
      if (!need.length) continue;
      if (parentKeys.includes([...new Set(need)].sort().join(" "))) continue;
      const hit = need.filter((k) => have.has(k)).length;
      let score = 0;
      if (hit === need.length) score = need.length + (hit === have.size ? 0.5 : 0);
      else if (have.size >= 2 && [...have].every((k) => need.includes(k))) score = have.size * 0.5; // "المركز الإعلامي" ⊂ full name
      if (score > 0 && (!best || score > best.score)) best = { source: src, via, score };
    }
  }
  return best;
}

/** Resolve a short back-reference ("بالي", "المصادر", "المركز") to the latest compatible speaker. */
export function resolveBackReference(surface: string, history: Speaker[]): Speaker | undefined {
  const keys = contentKeys(surface);
  if (!keys.length || keys.length > 3) return undefined;
  for (let h = history.length - 1; h >= 0; h--) {
    const sp = history[h];
    const pool = new Set(contentKeys(`${sp.name} ${sp.role ?? ""} ${sp.surface ?? ""} ${sp.matchedSourceName ?? ""}`));
    if (keys.every((k) => pool.has(k))) return sp;
  }
  return undefined;
}

function classify(toks: Tok[], lang: "ar" | "en"): SpeakerKind {
  const words = toks.filter((t) => t.kind === "word");
  if (!words.length) return "unknown";
  if (lang === "ar") {
    const head = words[0];
    const h = withoutConj(head.key);
    if (ANON_HEADS_AR.has(h) || ANON_HEADS_AR.has(head.key)) {
      // "مسؤول عراقي" is anonymous; "مسؤول ملف العلاقات فلان" names someone (handled as person)
      return "anonymous";
    }
    if (QUANTIFIERS.has(head.norm) && words.some((w) => ANON_HEADS_AR.has(w.key))) return "anonymous";
    if (words.some((w) => OUTLET_HEADS.has(w.norm) || OUTLET_HEADS.has(w.key))) return "outlet";
    if (words.some((w) => OFFICIAL_HEADS.has(w.norm) || OFFICIAL_HEADS.has(w.key) || OFFICIAL_HEADS.has(w.norm.replace(/^(?:لل|ل)/, "ال"))))
      return "official_body";
    if (words.length <= 2 && GAZ.some((g) => g.keys.length === 1 && g.keys[0] === words[words.length - 1].key)) return "state";
    return "unknown";
  }
  const lower = words.map((w) => w.norm.replace(/'s$|’s$/, ""));
  const hasProper = words.some((w, k) => w.cap && k > 0 && !/^(?:U\.?S|Iraqi|Syrian|Kurdish|Turkish|Iranian|Russian|American)$/.test(w.raw));
  if (lower.some((w) => ANON_HEADS_EN.has(w)) && !lower.some((w) => EN_OFFICIAL.has(w) && w !== "agency")) {
    if (!hasProper || lower.includes("sources") || lower.includes("source")) return "anonymous";
  }
  if (lower.some((w) => EN_OUTLET.has(w))) return "outlet";
  if (lower.some((w) => EN_OFFICIAL.has(w))) return "official_body";
  if (words.length <= 2 && GAZ.some((g) => g.keys.length === 1 && g.keys[0] === words[words.length - 1].key)) return "state";
  return "unknown";
}

/**
 * Build a Speaker from the tokens that name it. `addressee` is the outlet the words were
 * said to (anonymous sources belong to it); `nameToks` is an explicitly found person name.
 */
export function makeSpeaker(text: string, toks: Tok[], lang: "ar" | "en", ctx: SpeakerContext, opts: { addressee?: string; nameToks?: Tok[] } = {}): Speaker {
  const words = toks.filter((t) => t.kind === "word");
  const surfaceStart = toks[0]?.start;
  const surfaceEnd = toks[toks.length - 1]?.end;
  const surface = displayText(toks);
  const base = { surface, start: surfaceStart, end: surfaceEnd };
  // pronoun → latest speaker
  if (lang === "en" && words.length === 1 && PRONOUNS_EN.has(words[0].norm)) {
    const prev = ctx.history[ctx.history.length - 1];
    if (prev) return { ...prev, ...base, resolvedFrom: surface };
  }
  const kind = classify(toks, lang);
  if (kind === "anonymous") {
    // "وأضافت المصادر" → the sources introduced earlier
    // only a definite phrase refers back ("المصادر"); "مصدر" introduces a new source
    const definite = lang === "en" ? /^(?:the)$/i.test(words[0].raw) : words[0].article;
    const back = definite
      ? resolveBackReference(
          surface,
          ctx.history.filter((h) => h.kind === "anonymous"),
        )
      : undefined;
    if (back && words.length <= 2) return { ...back, ...base, resolvedFrom: surface };
    const via = opts.addressee && !outletMatches(opts.addressee, ctx.outlet) ? opts.addressee : (ctx.outlet?.name ?? opts.addressee);
    const phrase = lang === "ar" ? indefinite(toks) : surface.replace(/^(?:the)\s+/i, "");
    const outletLabel = via ? shortOutlet(via) : undefined;
    return { name: outletLabel ? `${phrase} (${outletLabel})` : phrase, kind: "anonymous", isNew: true, outlet: via, ...base };
  }
  // back-reference to an earlier speaker ("بالي", "المركز")
  if (words.length <= 2) {
    const back = resolveBackReference(surface, ctx.history);
    if (back) return { ...back, ...base, resolvedFrom: surface };
  }
  // person: an explicit name in the phrase
  let nameToks = opts.nameToks;
  if (!nameToks) {
    const people = detectPeople(text, toks);
    if (people.length) nameToks = toks.filter((t) => t.start >= people[0].start && t.end <= people[0].end);
    else if (lang === "en") nameToks = englishAppositiveName(toks) ?? englishTrailingName(words);
  }
  if (nameToks && nameToks.length) {
    const name = displayText(nameToks);
    const roleToks = toks.filter((t) => t.end <= nameToks[0].start || t.start >= nameToks[nameToks.length - 1].end);
    const role =
      displayText(roleToks)
        .replace(/^(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Sheikh)\.?(?=[\s,]|$)/, "")
        .replace(/^[،,\s]+|[،,\s]+$/g, "")
        .trim() || undefined;
    const byName = matchKnown(name, ctx.known);
    if (byName)
      return {
        name,
        role,
        kind: "person",
        isNew: false,
        matchedSourceId: byName.source.id,
        matchedSourceName: byName.source.name,
        matchedVia: byName.via,
        ...base,
      };
    const byRole = role ? matchKnown(role, ctx.known) : undefined;
    if (byRole)
      return {
        name,
        role,
        kind: "person",
        isNew: false,
        matchedSourceId: byRole.source.id,
        matchedSourceName: byRole.source.name,
        matchedVia: "role",
        ...base,
      };
    return { name, role, kind: "person", isNew: true, ...base };
  }
  const m = matchKnown(surface, ctx.known);
  if (m) {
    return {
      name: m.source.name,
      kind: (m.source.kind as SpeakerKind) || kind,
      isNew: false,
      matchedSourceId: m.source.id,
      matchedSourceName: m.source.name,
      matchedVia: m.via,
      ...base,
    };
  }
  if (ctx.outlet && outletMatches(surface, ctx.outlet)) return outletSpeaker(ctx, base);
  // A new English source is named without its article ("The Iraqi army said" → "Iraqi army"),
  // as registries list bodies and as "the army" and "The army" must not become two names;
  // `surface` keeps the words as written. (Arabic keeps ال: «الجيش العراقي» is the name.)
  if (lang === "ar") {
    // named as the body it is; the descriptive phrase as written stays an alias (source-names.ts)
    const canon = canonicalBodyName(surface);
    const aliases = canon.aliases;
    const parent = canon.parent ? parentSpeaker(canon.parent, ctx.known) : undefined;
    return { name: canon.name, kind, isNew: true, ...(aliases.length ? { aliases } : {}), ...(parent ? { parent } : {}), ...base };
  }
  const canon = canonicalBodyNameEn(surface.replace(/^the\s+(?=\S)/i, ""));
  const parent = canon.parent ? parentSpeaker(canon.parent, ctx.known) : undefined;
  // a body's media office or press centre speaks for that body: it is not a news outlet
  return { name: canon.name, kind: parent && kind === "outlet" ? "official_body" : kind, isNew: true, ...(parent ? { parent } : {}), ...base };
}

/**
 * The owner named in a new body's description, matched to the known source with exactly that
 * name or short name (all its words and no others: «قوات سوريا الديمقراطية» must not be taken
 * for «المركز الإعلامي لقوات سوريا الديمقراطية», which only contains it).
 */
function parentSpeaker(owner: { name: string; aliases: string[] }, known: KnownSource[]): NonNullable<Speaker["parent"]> {
  const same = (a: string, b: string) => {
    const x = new Set(contentKeys(a));
    const y = contentKeys(b);
    return x.size > 0 && y.length === x.size && y.every((k) => x.has(k));
  };
  const names = [owner.name, ...owner.aliases];
  const m = known.find((src) => [src.name, ...src.aliases].some((cand) => names.some((n) => same(n, cand))));
  return { name: owner.name, aliases: owner.aliases, ...(m ? { matchedSourceId: m.id, matchedSourceName: m.name } : {}) };
}

const EN_ORG_WORDS = new Set(
  "forces force ministry army command council office agency party front government observatory centre center coalition committee authority authorities police guard guards corps brigade brigades division units unit group news press times post network tv radio media institute organisation organization union league movement administration department house court state states republic kingdom".split(
    " ",
  ),
);

const EN_ROLE_WORDS = new Set(
  "head spokesman spokeswoman spokesperson minister commander director chief official leader governor mayor president member deputy adviser advisor secretary ambassador general colonel envoy representative coordinator chairman chairwoman officer manager founder researcher analyst activist journalist correspondent".split(
    " ",
  ),
);
const NAME_PARTICLE = /^(?:al|el|bin|ibn|abu|abd|de|van|von|bint)(?:-[A-Z].*)?$/;

/**
 * "The head of the local council, Ahmed al-Hassan," / "Ahmed al-Hassan, head of the council":
 * in an apposition of a role and a name, the name (2–4 capitalised words) is the speaker.
 */
function englishAppositiveName(toks: Tok[]): Tok[] | undefined {
  const parts: Tok[][] = [[]];
  for (const t of toks) {
    if (t.kind === "punct" && t.raw === ",") parts.push([]);
    else if (t.kind === "word") parts[parts.length - 1].push(t);
  }
  if (parts.length < 2) return undefined;
  const isName = (p: Tok[]) =>
    p.length >= 2 &&
    p.length <= 4 &&
    /^[A-Z]/.test(p[0].raw) &&
    p.every((w) => /^[A-Z]/.test(w.raw) || NAME_PARTICLE.test(w.raw)) &&
    !p.some((w) => EN_ORG_WORDS.has(w.norm) || EN_ROLE_WORDS.has(w.norm)) &&
    !GAZ.some((g) => p.some((w) => g.keys.length === 1 && g.keys[0] === w.key));
  const isRole = (p: Tok[]) => p.some((w) => EN_ROLE_WORDS.has(w.norm));
  const names = parts.filter(isName);
  if (names.length !== 1 || !parts.some((p) => p !== names[0] && isRole(p))) return undefined;
  return names[0];
}

/** "Argentine historian Daniel Balmaceda" → [Daniel, Balmaceda]: a trailing 2–3 word capitalised run that is no organisation. */
function englishTrailingName(words: Tok[]): Tok[] | undefined {
  if (!words.length || /^(?:the)$/i.test(words[0].raw)) return undefined;
  let k = words.length;
  while (k > 0 && words[k - 1].cap && words.length - k < 3) k--;
  const run = words.slice(k);
  if (run.length < 2) return undefined;
  if (run.some((w) => EN_ORG_WORDS.has(w.norm) || /^[A-Z]{2,}$/.test(w.raw) || /['’]s$/.test(w.raw))) return undefined;
  if (GAZ.some((g) => run.some((w) => g.keys.length === 1 && g.keys[0] === w.key))) return undefined;
  return run;
}

/** "بوليتكال كيز | Political Keys" → "Political Keys" (the Latin part when there is one). */
export function shortOutlet(name: string): string {
  const parts = name.split(/\s*[|｜]\s*/).filter(Boolean);
  if (parts.length < 2) return name.trim();
  return parts.find((p) => /^[\x20-\x7E]+$/.test(p)) ?? parts[0];
}

/** The outlet itself as a speaker (headlines, the outlet's own voice, passive "أُعلن"). */
export function outletSpeaker(ctx: SpeakerContext, base: Partial<Speaker> = {}): Speaker {
  const name = ctx.outlet?.name ?? "(the outlet)";
  const m = ctx.outlet ? (matchKnown(name, ctx.known) ?? (ctx.outlet.aliases ?? []).map((a) => matchKnown(a, ctx.known)).find(Boolean)) : undefined;
  return {
    name,
    kind: "outlet",
    isNew: !m,
    ...(m ? { matchedSourceId: m.source.id, matchedSourceName: m.source.name, matchedVia: "outlet" as const } : {}),
    ...base,
  };
}
