/**
 * Text helpers for the stance classifier: verbatim sentence spans, content tokens with light
 * stemming (English suffixes, Arabic clitics and common suffixes), stopwords, and the cue
 * lexicons (Arabic and English) for denial, negation, hedging / reported speech and
 * confirmation.
 *
 * Pure: no web, database or file-system imports.
 */
import { normalizeText, stripArabicClitics, tokenize } from "./normalize.ts";
import { splitSentences } from "../lexicon/sentences.ts";
import {
  DENIAL_PHRASES_AR,
  DENIAL_PHRASES_EN,
  DENIAL_STEMS_AR,
  DENIAL_VERBS_AR,
  DENIAL_VERBS_EN,
  HEDGE_PHRASES_AR,
  HEDGE_PHRASES_EN,
  RUMOUR_DEBUNK_AR,
} from "../lexicon/stance-cues.ts";

// ---------------------------------------------------------------------------------------------
// Sentences

export interface Sentence {
  /** Verbatim substring of the original text (trimmed). */
  text: string;
  start: number;
  /** Raw tokens (normalised, clitics stripped, not stemmed), for cue matching. */
  cueTokens: string[];
  /** Content stems (stopwords removed), for overlap. */
  stems: string[];
}

/**
 * Split text into sentences, keeping each as a verbatim span of the original — the same
 * splitter the extraction assistant uses (src/lexicon/sentences.ts: . ! ? ؟ ؛ … and line
 * breaks; decimals, abbreviations and quotations do not split).
 */
export function sentenceSpans(text: string): { text: string; start: number }[] {
  return splitSentences(text).map((s) => ({ text: s.text, start: s.start }));
}

// ---------------------------------------------------------------------------------------------
// Tokens

const EN_STOP = new Set(
  (
    "a an the and or but if then than so as of at by for from in into on onto to with without within " +
    "about above after again against all am any are aren as be been being before below between both " +
    "can could did do does doing down during each few further had has have having he her here hers " +
    "herself him himself his how i is it its itself just me more most my myself nor now off once only " +
    "other our ours ourselves out over own same she should some such that their theirs them themselves " +
    "there these they this those through too under until up very was we were what when where which " +
    "while who whom why will would you your yours yourself yourselves s t d ll m re ve us also one two " +
    "new says said say like get got via mr mrs ms just still even may might must shall upon"
  ).split(/\s+/),
);

const AR_STOP = new Set(
  (
    "في من على الي الى عن ان او ام ثم قد لقد كان كانت يكون تكون هذا هذه ذلك تلك هولاء التي الذي الذين " +
    "اللذين اللتين ما مع بين عند كل بعد قبل حتي اذا انه انها الا ايضا حيث منذ خلال ضد عبر قال وقال " +
    "اليوم امس هو هي هم هن نحن انا انت له لها لهم به بها بهم فيه فيها منه منها عليه عليها اليه اليها " +
    "ذي تي ذين وفي ومن وعلي او و ف ب ل ك يا اي ايه غير"
  ).split(/\s+/),
);

const ARABIC_START = /^[\u0621-\u064A]/;

/** Light English stemmer (consistent, not linguistically exact). */
export function stemEn(t: string): string {
  if (t.length <= 3) return t;
  if (t.endsWith("ies") && t.length > 4) return t.slice(0, -3) + "y";
  if (t.endsWith("sses")) return t.slice(0, -2);
  if (t.endsWith("ing") && t.length > 5) return t.slice(0, -3);
  if (t.endsWith("ed") && t.length > 4) return t.slice(0, -2);
  if (t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is")) return t.slice(0, -1);
  return t;
}

/** Light Arabic suffix stripping, applied after clitic stripping (normalised input). */
export function stemAr(t: string): string {
  const m = /^(.{3,}?)(?:ات|ون|ين|ان|ها|هم|ه|ي)$/.exec(t);
  return m ? m[1] : t;
}

export interface Tokens {
  /** Normalised tokens with clitics stripped (for cues). */
  cue: string[];
  /** Content stems for overlap (stopwords and 1-char tokens removed). */
  stems: string[];
  /** Content stem of each cue token, aligned with `cue` ("" for stopwords). */
  stemAt: string[];
}

export function tokens(text: string): Tokens {
  const raw = tokenize(normalizeText(text));
  const cue: string[] = [];
  const stems: string[] = [];
  const stemAt: string[] = [];
  for (const r of raw) {
    const arabic = ARABIC_START.test(r);
    const s = arabic ? stripArabicClitics(r) : r;
    cue.push(s);
    let st = "";
    if (r.length >= 2 && s.length >= 2) {
      if (arabic) {
        if (!AR_STOP.has(r) && !AR_STOP.has(s)) st = stemAr(s);
      } else if (!EN_STOP.has(r)) st = stemEn(r);
    }
    stemAt.push(st);
    if (st) stems.push(st);
  }
  return { cue, stems, stemAt };
}

// ---------------------------------------------------------------------------------------------
// Cue lexicons. Entries are written naturally; they are normalised the same way as text.
// A trailing * matches any continuation of the last word.

export type CueFamily = "refute" | "refuteWeak" | "negation" | "hedge" | "modal" | "confirm" | "anon" | "contrast" | "speech" | "debunk";

const LEXICON: Record<CueFamily, string[]> = {
  refute: [
    // the shared denial vocabulary (src/lexicon/stance-cues.ts)
    ...DENIAL_VERBS_EN,
    ...DENIAL_PHRASES_EN,
    ...DENIAL_VERBS_AR,
    ...DENIAL_PHRASES_AR,
    ...DENIAL_STEMS_AR,
    "refute*",
    "rebut*",
    "debunk*",
    "hoax*",
    "fraud*",
    "fabricat*",
    "nonsense",
    "rubbish",
    "myth",
    "prank*",
    "satire",
    "satirical",
    "scam",
    "photoshop*",
    "retract*",
    "nope",
    "erroneous",
    "inaccurate",
    "discredit*",
    "spoof",
    "parody",
  ],
  // rumour framing by the writer ("حقيقة ما يتم تداوله", "تنويه", "شائعة", "بخير")
  debunk: [...RUMOUR_DEBUNK_AR],
  refuteWeak: [
    "dismiss*",
    "reject*",
    "dispute*",
    "contrary",
    "wrong",
    "incorrect",
    "lie",
    "lies",
    "lying",
    "doubt*",
    "mistaken",
    "slammed",
    "skeptic*",
    "sceptic*",
    "questionable",
    "unlikely",
    "رفض",
    "رفضت",
    "يرفض",
    "ترفض",
    "استبعد*",
    "شكك*",
    "يشكك",
    "خطأ",
  ],
  speech: [
    "said",
    "says",
    "told",
    "stated",
    "wrote",
    "writes",
    "posted",
    "tweeted",
    "added",
    "explained",
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "صرح",
    "صرحت",
    "أضاف",
    "أضافت",
    "أوضح",
    "أوضحت",
    "ذكر",
    "كتب",
    "غرد",
  ],
  contrast: [
    "however",
    "but",
    "actually",
    "in fact",
    "turns out",
    "turned out",
    "instead",
    "although",
    "despite",
    "though",
    "in reality",
    "truth",
    "the truth",
    "real story",
    "لكن",
    "غير أن",
    "إلا أن",
    "بل",
    "في الواقع",
    "الحقيقة",
    "حقيقة",
  ],
  negation: [
    "not",
    "no",
    "never",
    "nothing",
    "none",
    "neither",
    "nor",
    "cannot",
    "isn",
    "wasn",
    "aren",
    "weren",
    "didn",
    "doesn",
    "don",
    "hasn",
    "haven",
    "hadn",
    "couldn",
    "wouldn",
    "won",
    "shouldn",
    "لا",
    "لم",
    "لن",
    "ليس",
    "ليست",
    "عدم",
    "لسنا",
    "ولا",
  ],
  hedge: [
    "reportedly",
    "allegedly",
    "alleged",
    "alleging",
    "allegation*",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "according to",
    "unconfirmed",
    "unverified",
    "rumor*",
    "rumour*",
    "purported*",
    "apparently",
    "speculat*",
    "unclear",
    "believed",
    "if true",
    "report",
    "reports",
    "reported",
    "reporting",
    "supposed*",
    "circulat*",
    "viral",
    "rumoured",
    "said to",
    "not yet",
    ...HEDGE_PHRASES_EN,
    // Arabic (بحسب، وفق، نقلاً عن، أنباء، مزاعم …)
    ...HEDGE_PHRASES_AR,
    "بحسب",
    "حسب",
    "وفق",
    "وفقا",
    "وفقا ل",
    "نقلا عن",
    "نقلت",
    "ذكرت",
    "أفادت",
    "تداول*",
    "أنباء",
    "زعم",
    "تزعم",
    "مزاعم",
    "غير مؤكد*",
    "لم يتسن",
    "قيل",
    "يقال",
    "يشاع",
    "يشتبه",
    "تقارير",
    "تقرير",
    "ادعاء*",
    "ادعى",
    "يدعي",
  ],
  modal: [
    "might",
    "may",
    "could",
    "possibly",
    "possible",
    "perhaps",
    "appears",
    "appear",
    "appeared",
    "seem*",
    "suggest*",
    "would",
    "likely",
    "probably",
    "whether",
    "expected",
    "expects",
    "plans to",
    "محتمل*",
    "مرجح",
    "ربما",
    "يعتقد",
    "قد",
    "يبدو",
    "احتمال",
  ],
  anon: [
    "sources",
    "source",
    "anonymous",
    "unnamed",
    "insider*",
    "مصادر",
    "مصدر",
    "مصادر خاصة",
    "مصدر خاص",
    "مصادر مطلعة",
    "مصدر مطلع",
    "مصادر مقربة",
    "مصادر محلية",
    "مصادر أمنية",
    "رفض الكشف عن اسمه",
    "طلب عدم الكشف",
  ],
  confirm: [
    "confirm",
    "confirms",
    "confirmed",
    "confirming",
    "confirmation",
    "announce*",
    "officially",
    "official",
    "verified",
    "proved",
    "proven",
    "proof",
    "admitted",
    "admits",
    "acknowledg*",
    "revealed",
    "reveals",
    "statement",
    "indeed",
    "shows",
    "showed",
    "proves",
    "evidence",
    // Arabic (أعلن، أكد …)
    "أعلن",
    "أعلنت",
    "يعلن",
    "تعلن",
    "إعلان",
    "أكد",
    "أكدت",
    "يؤكد",
    "تؤكد",
    "تأكيد",
    "أقر",
    "أقرت",
    "اعترف*",
    "ثبت",
    "رسميا",
    "رسمي",
    "رسمية",
    "كشف",
    "كشفت",
    "بيان",
    "أصدر",
    "أصدرت",
  ],
};

interface CuePattern {
  family: CueFamily;
  words: string[];
  prefix: boolean;
  display: string;
}

const CUE_INDEX = new Map<string, CuePattern[]>();
const PREFIX_CUES: CuePattern[] = [];

for (const [family, entries] of Object.entries(LEXICON) as [CueFamily, string[]][]) {
  for (const entry of entries) {
    const prefix = entry.endsWith("*");
    const words = tokenize(normalizeText(prefix ? entry.slice(0, -1) : entry)).map((w) => (ARABIC_START.test(w) ? stripArabicClitics(w) : w));
    if (!words.length) continue;
    const p: CuePattern = { family, words, prefix, display: entry.replace(/\*$/, "") };
    if (prefix && words.length === 1) PREFIX_CUES.push(p);
    else {
      const k = words[0];
      if (!CUE_INDEX.has(k)) CUE_INDEX.set(k, []);
      CUE_INDEX.get(k)!.push(p);
    }
  }
}

// longest cue first, so "مصادر خاصة" / "according to" win over their first word
for (const list of CUE_INDEX.values()) list.sort((a, b) => b.words.length - a.words.length);

/**
 * Denial cues in the writer's own voice — a verdict ("لا صحة", "خبر كاذب", "غير صحيح", "fake",
 * "not true") or a first-person denial ("ننفي", "أنفي") — as opposed to a denial reported of
 * someone else ("نفى الجيش", "X denied").
 */
const VERDICT_CUES = new Set(
  [...DENIAL_PHRASES_AR, ...DENIAL_PHRASES_EN, "ننفي", "أنفي", "نكذب", "نفند"].map((e) =>
    tokenize(normalizeText(e))
      .map((w) => (ARABIC_START.test(w) ? stripArabicClitics(w) : w))
      .join(" "),
  ),
);
const VERDICT_STEMS = DENIAL_STEMS_AR.map((e) => stripArabicClitics(normalizeText(e.replace(/\*$/, ""))));

export function isVerdictCue(cue: string): boolean {
  return VERDICT_CUES.has(cue) || VERDICT_STEMS.some((st) => cue.startsWith(st));
}

export interface CueHit {
  family: CueFamily;
  /** The matched words as found (normalised). */
  cue: string;
  /** Token position in the sentence. */
  pos: number;
}

/** Find cue hits in a token sequence (from `tokens().cue`); multiword cues matched exactly. */
export function findCues(cue: string[]): CueHit[] {
  const hits: CueHit[] = [];
  for (let i = 0; i < cue.length; i++) {
    const w = cue[i];
    const seen = new Set<CueFamily>();
    const cands = CUE_INDEX.get(w);
    if (cands) {
      for (const p of cands) {
        if (seen.has(p.family)) continue;
        let ok = true;
        for (let j = 1; j < p.words.length; j++) {
          const tw = cue[i + j];
          if (tw === undefined) {
            ok = false;
            break;
          }
          if (j === p.words.length - 1 && p.prefix ? !tw.startsWith(p.words[j]) : tw !== p.words[j]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          seen.add(p.family);
          hits.push({ family: p.family, cue: cue.slice(i, i + p.words.length).join(" "), pos: i });
        }
      }
    }
    for (const p of PREFIX_CUES) {
      if (seen.has(p.family)) continue;
      if (w.startsWith(p.words[0])) {
        seen.add(p.family);
        hits.push({ family: p.family, cue: w, pos: i });
      }
    }
  }
  return hits;
}
