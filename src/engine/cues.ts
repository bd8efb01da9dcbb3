/**
 * Polarity cues used by the pair classifier: negation/denial words and antonym pairs in Arabic
 * and English. Matching is on the engine's keys (normalised, clitic-stripped, stemmed), so each
 * list names plain forms once.
 */
import { normalizeText, tokenize } from "./normalize.ts";
import { joinSegmented, stem, stripClitics } from "./text.ts";
import { DENIAL_PHRASES_AR, DENIAL_PHRASES_EN, DENIAL_VERBS_AR, DENIAL_VERBS_EN } from "../lexicon/stance-cues.ts";

/** Negation and denial words. Particles are matched on the surface (after و/ف), verbs by stem. */
const NEG_PARTICLES = new Set(
  [
    "لا",
    "لم",
    "لن",
    "ليس",
    "ليست",
    "لست",
    "لسنا",
    "ليسوا",
    "غير",
    "عدم",
    "بدون",
    "دون",
    "بلا",
    "كلا",
    "ما عاد",
    "not",
    "no",
    "never",
    "none",
    "nobody",
    "nothing",
    "neither",
    "nor",
    "without",
    "cannot",
    "nt",
    "isnt",
    "doesnt",
    "dont",
    "didnt",
    "wasnt",
    "arent",
    "wont",
  ].map((w) => normalizeText(w)),
);
/** Denial words: the shared denial verbs and one-word verdicts (src/lexicon/stance-cues.ts), matched by stem. */
const NEG_STEMS = new Set(
  [...DENIAL_VERBS_AR, ...DENIAL_VERBS_EN, ...[...DENIAL_PHRASES_AR, ...DENIAL_PHRASES_EN].filter((w) => !/\s/.test(w) && !w.endsWith("*")), "falsely"].map(
    (w) => stem(stripClitics(normalizeText(w))),
  ),
);

export interface Cue {
  /** The word as written (normalised surface form). */
  word: string;
  index: number;
}

/** Surface tokens used for cue detection (apostrophes dropped so "doesn't" → "doesnt"). */
export function cueTokens(text: string): string[] {
  return tokenize(normalizeText(joinSegmented(text)).replace(/['’]/g, ""));
}

/**
 * Normalised token → the word as the writer spelled it (first occurrence), so reasons quote
 * the text rather than its folded key.
 */
export function originalSpellings(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of joinSegmented(text)
    .normalize("NFKC")
    .match(/[\p{L}\p{M}\p{N}'’]+/gu) ?? []) {
    const toks = tokenize(normalizeText(raw).replace(/['’]/g, ""));
    if (toks.length === 1 && !out.has(toks[0])) out.set(toks[0], raw.replace(/[\u064B-\u065F\u0640]/g, ""));
  }
  return out;
}

/** Negation / denial cues in a text, in order. */
/** "لا يزال" (still), "لا سيما" (especially), "no doubt": negation words that do not negate. */
const NOT_NEGATING_NEXT = new Set(["يزال", "تزال", "يزالون", "زال", "زالت", "سيما", "بد", "doubt"]);

export function negationCues(tokens: string[]): Cue[] {
  const out: Cue[] = [];
  tokens.forEach((tok, index) => {
    if (NOT_NEGATING_NEXT.has(tokens[index + 1] ?? "") && /^(?:[وف]?لا|no)$/.test(tok)) return;
    const t =
      /^[وفب]/.test(tok) && tok.length > 2 && NEG_PARTICLES.has(tok.slice(1))
        ? tok.slice(1)
        : /^[وف]ب/.test(tok) && NEG_PARTICLES.has(tok.slice(2))
          ? tok.slice(2)
          : tok;
    if (NEG_PARTICLES.has(t) || NEG_STEMS.has(stem(stripClitics(tok)))) out.push({ word: tok, index });
    // "لا صحة" / "عار عن الصحة" are caught by لا / the stem list; "no truth" by "no".
  });
  return out;
}

/** Hedges: the proposition is reported, not asserted. */
const HEDGE = new Set(
  [
    "مصادر",
    "مصدر",
    "انباء",
    "انباء",
    "انه",
    "يقال",
    "زعم",
    "مزاعم",
    "مزعوم",
    "ربما",
    "قد",
    "محتمل",
    "احتمال",
    "reportedly",
    "allegedly",
    "alleged",
    "rumor",
    "rumour",
    "sources",
    "may",
    "might",
    "could",
    "possibly",
    "claims",
    "claimed",
  ].map((w) => stem(stripClitics(normalizeText(w)))),
);
export function hedgeCues(tokens: string[]): Cue[] {
  const out: Cue[] = [];
  tokens.forEach((tok, index) => {
    if (HEDGE.has(stem(stripClitics(tok)))) out.push({ word: tok, index });
  });
  return out;
}

/** Antonym pairs (left ↔ right). Each side lists forms; matching is by stem. */
const ANTONYMS: Array<[string, string]> = [
  [
    "ارتفاع يرتفع ارتفع ترتفع ارتفعت صعود يصعد تصعد زيادة يزيد تزيد ازدياد مكاسب مكسب يربح ربح أرباح قفزة يقفز تقفز أعلى",
    "انخفاض ينخفض انخفض تنخفض انخفضت هبوط يهبط تهبط تراجع يتراجع تتراجع نقص ينقص خسائر خسارة يخسر تخسر تهوي يهوي أدنى خفض يخفض تخفض تخفيض تقلص يتقلص تقليص يقلص تقلص تدهور يتدهور تتدهور",
  ],
  ["فوز يفوز تفوز فاز فازت انتصار ينتصر", "هزيمة يهزم خسر خسرت يخسر تخسر"],
  [
    "قبول يقبل تقبل قبل موافقة يوافق توافق وافق وافقت تأييد يؤيد تؤيد أيد دعم يدعم تدعم ترحيب يرحب",
    "رفض يرفض ترفض رفضت معارضة يعارض تعارض عارض استنكار يستنكر تنديد يندد",
  ],
  ["نجاح ينجح تنجح نجح نجحت", "فشل يفشل تفشل فشلت إخفاق"],
  ["بدء يبدأ تبدأ بداية انطلاق استئناف يستأنف", "نهاية انتهاء ينتهي تنتهي وقف يوقف توقف يتوقف تتوقف إيقاف تعليق يعلق"],
  ["حرب تصعيد يصعد اشتباكات اشتباك معارك هجوم", "سلام تهدئة هدنة هدوء"],
  ["إعدام سجن إدانة يدين إدانته", "براءة تبرئة إفراج الإفراج يبرئ"],
  ["أكثر أكبر كبير يتخطى تتخطى تخطى يتجاوز تتجاوز تجاوز يفوق", "أقل أصغر صغير يقل تقل"],
  ["فتح يفتح تفتح افتتاح", "إغلاق يغلق تغلق أغلق غلق"],
  ["يسمح تسمح سماح السماح إتاحة يتيح تتيح أتاح", "يمنع تمنع منع حظر يحظر تحظر يغلق تغلق إغلاق"],
  ["اتفاق يتفق اتفقا توافق تحالف تصالح مصالحة تعاون", "خلاف خلافات نزاع صراع انقسام قطيعة يختلف"],
  ["حياة نجاة ينجو نجا", "وفاة موت مقتل يموت قتل غرق"],
  ["انسحاب ينسحب تنسحب", "دخول يدخل تدخل انتشار ينتشر"],
  ["تعافي يتعافى انتعاش ازدهار", "أزمة انهيار ركود تدهور"],
  ["رفع يرفع ترفع", "خفض يخفض تخفض تخفيض"],
  ["يؤكد تؤكد أكد أكدت تأكيد", "ينفي تنفي نفى نفت نفي"],
  ["مستمر استمرار يستمر تستمر يواصل تواصل مواصلة", "توقف يتوقف تتوقف انتهاء تأجيل يؤجل تؤجل"],
  [
    "increase increases increased rise rises rose rising gain gains up higher surge surged grow growth",
    "decrease decreases decreased fall falls fell falling loss losses down lower drop dropped plunge decline declined shrink cut cuts reduce reduced",
  ],
  ["win wins won victory", "lose loses lost defeat"],
  ["accept accepts accepted approve approved support supports supported", "reject rejects rejected oppose opposes opposed veto"],
  ["success succeeded", "failure failed fails"],
  ["start started begin began open opened", "end ended stop stopped close closed halt halted"],
  ["more most", "less least fewer"],
  ["allow allowed permit", "ban banned forbid prohibit block blocked close closed"],
  ["confirm confirms confirmed", "deny denies denied"],
  ["guilty convicted", "innocent acquitted"],
  ["alive survived", "dead died killed"],
  ["true", "false"],
  ["ظهور يظهر تظهر ظهر ظهرت عودة يعود تعود", "اختفاء يختفي تختفي اختفى غياب يغيب"],
  ["إشادة يشيد تشيد أشاد أشادت ثناء مدح شجع يشجع تشجع تشجيع", "إدانة يدين تدين أدان أدانت انتقاد ينتقد تنتقد انتقد"],
  ["اعتقال يعتقل تعتقل اعتقل احتجاز توقيف", "الإفراج يفرج تفرج أفرج إطلاق"],
  ["تعيين يعين تعين", "إقالة يقيل تقيل أقال عزل"],
  ["تشديد يشدد تشدد", "تخفيف يخفف تخفف"],
  ["إقرار يقر تقر أقر أقرت اعتماد تصديق يصادق", "إلغاء يلغي تلغي ألغى ألغت إبطال يبطل تبطل أبطل أبطلت"],
  ["تقدم يتقدم تتقدم", "تأخر يتأخر تتأخر"],
  ["تحسن يتحسن تتحسن", "تدهور يتدهور تتدهور تراجع"],
  ["قوة قوي قوية", "ضعف ضعيف ضعيفة"],
  ["أغلى غالي", "أرخص رخيص"],
  ["غني أغنى ثراء", "فقير أفقر فقر"],
  ["تأجيل يؤجل تؤجل", "تبكير تسريع يسرع"],
  ["تحذير يحذر تحذر حذر حذرت", "طمأنة يطمئن تطمئن"],
  ["praise praised praises", "condemn condemned condemns criticize criticized"],
  ["appear appeared", "disappear disappeared vanish"],
  ["arrest arrested detain detained", "release released free freed"],
  ["appoint appointed", "dismiss dismissed fire fired sack sacked"],
  ["strong stronger", "weak weaker"],
];

type AntonymEntry = { side: 0 | 1; pair: number };

/** Every pair a word key belongs to: a word may oppose more than one ("تدهور" a recovery and a rise). */
const ANTONYM_OF = new Map<string, AntonymEntry[]>();
ANTONYMS.forEach(([l, r], pair) => {
  for (const [side, words] of [
    [0, l],
    [1, r],
  ] as const)
    for (const w of words.split(/\s+/)) {
      const k = stem(stripClitics(normalizeText(w)));
      if (!k) continue;
      const list = ANTONYM_OF.get(k) ?? [];
      if (!list.some((e) => e.pair === pair)) list.push({ side, pair });
      ANTONYM_OF.set(k, list);
    }
});

/**
 * The antonym entries of a word key. Arabic adverbial accusatives carry a tanween alef the stemmer
 * keeps ("ارتفاعا", "انخفاضا", "تراجعا"), so a key not found as it is is looked up without it.
 */
function antonymEntries(k: string): AntonymEntry[] {
  const e = ANTONYM_OF.get(k);
  if (e || k.length < 4 || !k.endsWith("ا")) return e ?? [];
  return ANTONYM_OF.get(k.slice(0, -1)) ?? [];
}

/** Antonym hits: a word on one side whose opposite is on the other side. */
export function antonymPairs(keysA: Iterable<string>, keysB: Iterable<string>): Array<[string, string]> {
  const bByPair = new Map<string, string>();
  for (const k of keysB) for (const e of antonymEntries(k)) bByPair.set(`${e.pair}:${e.side}`, k);
  const out: Array<[string, string]> = [];
  const seen = new Set<number>();
  for (const k of keysA)
    for (const e of antonymEntries(k)) {
      if (seen.has(e.pair)) continue;
      const other = bByPair.get(`${e.pair}:${1 - e.side}`);
      const same = bByPair.get(`${e.pair}:${e.side}`);
      if (other && !same) {
        out.push([k, other]);
        seen.add(e.pair);
      }
    }
  return out;
}
