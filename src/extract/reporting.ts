/**
 * Reporting-verb and attribution-cue lexicon (Arabic and English), each cue with the stance it
 * suggests: denial cues → "denied"; hedges, anonymous relays, "according to", "reportedly",
 * "claimed" → "unverified"; statements, announcements, confirmations → "asserted".
 *
 * Forms are written as a reader would write them and normalised once at load time with the
 * engine's normalizeText, so أ/إ/آ, ة/ه, ى/ي, tanween and tatweel variants all match.
 * A leading conjunction و/ف is accepted on the first word of every Arabic cue (وقالت، فأكد).
 */
import { normalizeText } from "../engine/normalize.ts";
import { DENIAL_PHRASES_AR, DENIAL_PHRASES_EN, HEDGE_PHRASES_AR, HEDGE_PHRASES_EN } from "../lexicon/stance-cues.ts";
import { type Tok, withoutConj } from "./tokens.ts";

export type StanceHint = "asserted" | "denied" | "unverified";

/**
 * verb        — finite reporting verb: قال، أعلنت، ينفي، said, denied (opens a frame)
 * participle  — circumstantial participle continuing the current speaker: موضحاً، مؤكداً
 * masdar      — verbal noun that carries its own speaker: نفياً من X عن …
 * prep        — attribution phrase: بحسب X، وفق X، نقلاً عن X، according to X
 * author      — the outlet's own voice: يذكر أن، تجدر الإشارة إلى أن
 * connector   — part of a frame, not a frame of its own: بالقول (… حديثها بالقول إن)
 * negation    — denial phrase inside the content: لا صحة، عار عن الصحة، no truth, false
 * hedge       — uncertainty inside the content: reportedly, allegedly, قد تكون، أنباء عن
 */
export type CueKind = "verb" | "participle" | "masdar" | "prep" | "author" | "connector" | "negation" | "hedge";

export interface CueEntry {
  family: string;
  lang: "ar" | "en";
  hint: StanceHint;
  kind: CueKind;
  forms: string[];
  /** Forms that are present tense (ينفي، تقول; says, denies): allowed in SVO headlines. */
  present?: boolean;
  /** Ambiguous words (تابع "affiliated", ذكر, نشر) count only at the start of a clause. */
  initialOnly?: boolean;
}

/** Whole-word entries of a shared list (starred stems are for the stance reader's prefix match). */
const whole = (forms: string[]) => forms.filter((f) => !f.endsWith("*"));

const AR = (family: string, hint: StanceHint, kind: CueKind, forms: string, extra: Partial<CueEntry> = {}): CueEntry => ({
  family,
  lang: "ar",
  hint,
  kind,
  forms: forms
    .split("،")
    .map((f) => f.trim())
    .filter(Boolean),
  ...extra,
});
const EN = (family: string, hint: StanceHint, kind: CueKind, forms: string, extra: Partial<CueEntry> = {}): CueEntry => ({
  family,
  lang: "en",
  hint,
  kind,
  forms: forms
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean),
  ...extra,
});

/** The lexicon. Exported so the README / UI can list what the assistant looks for. */
export const CUE_LEXICON: CueEntry[] = [
  // ---- Arabic: assertion / statement -------------------------------------------------
  AR("قال", "asserted", "verb", "قال، قالت، قالوا، قالا"),
  AR("قال", "asserted", "verb", "يقول، تقول، يقولون، تقولان", { present: true }),
  AR("قال", "asserted", "connector", "بالقول، قائلاً، قائلة"),
  AR("أفاد", "asserted", "verb", "أفاد، أفادت، أفادوا"),
  AR("أفاد", "asserted", "verb", "يفيد، تفيد", { present: true, initialOnly: true }),
  AR("أفاد", "asserted", "participle", "مفيداً، مفيدة"),
  AR("أعلن", "asserted", "verb", "أعلن، أعلنت، أعلنوا، أُعلن"),
  AR("أعلن", "asserted", "verb", "يعلن، تعلن، يعلنون", { present: true }),
  AR("أعلن", "asserted", "participle", "معلناً، معلنة"),
  AR("أكد", "asserted", "verb", "أكد، أكدت، أكدوا، أكّد، أكّدت"),
  AR("أكد", "asserted", "verb", "يؤكد، تؤكد، يؤكدون", { present: true }),
  AR("أكد", "asserted", "participle", "مؤكداً، مؤكدة، مؤكدين"),
  AR("أشار", "asserted", "verb", "أشار، أشارت، أشاروا"),
  AR("أشار", "asserted", "verb", "يشير، تشير", { present: true }),
  AR("أشار", "asserted", "participle", "مشيراً، مشيرة"),
  AR("أضاف", "asserted", "verb", "أضاف، أضافت، أضافوا"),
  AR("أضاف", "asserted", "verb", "يضيف، تضيف", { present: true }),
  AR("أضاف", "asserted", "participle", "مضيفاً، مضيفة"),
  AR("تابع", "asserted", "verb", "تابع، تابعت، تابعوا", { initialOnly: true }),
  AR("ختم", "asserted", "verb", "ختم، ختمت، اختتم، اختتمت", { initialOnly: true }),
  AR("ختم", "asserted", "participle", "مختتماً، مختتمة"),
  AR("نشر", "asserted", "verb", "نشر، نشرت، نشروا", { initialOnly: true }),
  AR("ذكر", "asserted", "verb", "ذكر، ذكرت، ذكروا"),
  AR("ذكر", "asserted", "verb", "يذكر، تذكر", { present: true, initialOnly: true }),
  AR("صرح", "asserted", "verb", "صرح، صرحت، صرّح، صرّحت، صرحوا"),
  AR("صرح", "asserted", "verb", "يصرح، تصرح", { present: true }),
  AR("أوضح", "asserted", "verb", "أوضح، أوضحت، أوضحوا"),
  AR("أوضح", "asserted", "verb", "يوضح، توضح", { present: true, initialOnly: true }),
  AR("أوضح", "asserted", "participle", "موضحاً، موضحة"),
  AR("كشف", "asserted", "verb", "كشف، كشفت، كشفوا"),
  AR("كشف", "asserted", "verb", "يكشف، تكشف", { present: true }),
  AR("كشف", "asserted", "participle", "كاشفاً، كاشفة"),
  AR("شدد", "asserted", "verb", "شدد، شددت، شدّد، شدّدت"),
  AR("شدد", "asserted", "participle", "مشدداً، مشددة"),
  AR("أردف", "asserted", "verb", "أردف، أردفت"),
  AR("لفت", "asserted", "verb", "لفت، لفتت", { initialOnly: true }),
  AR("لفت", "asserted", "participle", "لافتاً، لافتة"),
  AR("نقل", "asserted", "verb", "نقلت، نقل، تنقل، ينقل، نقلوا", { initialOnly: true }),
  AR("أبلغ", "asserted", "verb", "أبلغ، أبلغت"),
  AR("اعتبر", "asserted", "verb", "اعتبر، اعتبرت"),
  AR("اعتبر", "asserted", "participle", "معتبراً، معتبرة"),
  // ---- Arabic: claims made without proof → unverified ----------------------------------
  AR("زعم", "unverified", "verb", "زعم، زعمت، زعموا، يزعم، تزعم", { present: false }),
  AR("تداول", "unverified", "verb", "تداولت، تداول، تتداول، يتداول، تناقلت، تناقل، يتناقل"),
  AR("ادعى", "unverified", "verb", "ادعى، ادعت، ادّعى، ادّعت، يدعي، تدعي"),
  // ---- Arabic: denial -------------------------------------------------------------------
  AR("نفى", "denied", "verb", "نفى، نفت، نفوا"),
  AR("نفى", "denied", "verb", "ينفي، تنفي، ينفون، ننفي، أنفي", { present: true }),
  AR("نفى", "denied", "masdar", "نفياً، نفي"),
  AR("نفى", "denied", "participle", "نافياً، نافية"),
  AR("أنكر", "denied", "verb", "أنكر، أنكرت، ينكر، تنكر"),
  AR("دحض", "denied", "verb", "دحض، دحضت، يدحض"),
  AR("فند", "denied", "verb", "فند، فندت، فنّد، فنّدت، يفند، تفند"),
  AR("فند", "denied", "participle", "مفنداً، مفندة"),
  // the writer's own verdict: the shared denial phrases (src/lexicon/stance-cues.ts)
  AR("نفى", "denied", "negation", whole(DENIAL_PHRASES_AR).join("،")),
  // ---- Arabic: attribution phrases → unverified -----------------------------------------
  AR("بحسب", "unverified", "prep", "بحسب، حسب"),
  AR("وفق", "unverified", "prep", "وفق، وفقاً، وفقا، طبقاً"),
  AR("نقلاً عن", "unverified", "prep", "نقلاً عن، نقلا عن"),
  // ---- Arabic: the outlet's own voice ---------------------------------------------------
  AR("يذكر", "asserted", "author", "يذكر أن، يذكر أنه، يُذكر أن، تجدر الإشارة، الجدير بالذكر، من الجدير بالذكر"),
  // ---- Arabic: hedges inside the content -------------------------------------------------
  AR("تحوط", "unverified", "hedge", whole(HEDGE_PHRASES_AR).join("،")),

  // ---- English -------------------------------------------------------------------------
  EN(
    "say",
    "asserted",
    "verb",
    "said, told, stated, announced, confirmed, added, declared, stressed, insisted, noted, explained, revealed, disclosed, affirmed, wrote, tweeted, acknowledged, admitted, warned",
  ),
  EN("say", "asserted", "verb", "says, say, tells, states, announces, confirms, adds, declares, insists, notes, explains, reveals", { present: true }),
  EN("deny", "denied", "verb", "denied, rejected, refuted, dismissed, disputed"),
  EN("deny", "denied", "verb", "denies, deny, rejects, refutes, dismisses, disputes", { present: true }),
  EN("deny", "denied", "participle", "denying, rejecting, refuting"),
  EN("claim", "unverified", "verb", "claimed, alleged, reported"),
  EN("claim", "unverified", "verb", "alleges", { present: true }),
  EN("according to", "unverified", "prep", "according to"),
  EN("deny", "denied", "negation", whole(DENIAL_PHRASES_EN).join(",")),
  EN("hedge", "unverified", "hedge", whole(HEDGE_PHRASES_EN).join(",")),
];

interface CompiledForm {
  entry: CueEntry;
  toks: string[];
  surface: string;
}

const COMPILED: CompiledForm[] = CUE_LEXICON.flatMap((entry) =>
  entry.forms.map((surface) => ({
    entry,
    surface,
    toks: normalizeText(surface).split(/\s+/).filter(Boolean),
  })),
).sort((a, b) => b.toks.length - a.toks.length);

/** Forms indexed by their first normalised word: lookups stay O(tokens), not O(tokens × lexicon). */
const BY_FIRST = new Map<string, CompiledForm[]>();
for (const f of COMPILED) {
  const list = BY_FIRST.get(f.toks[0]) ?? [];
  list.push(f);
  BY_FIRST.set(f.toks[0], list);
}

export interface CueMatch {
  /** The exact cue text in the input and its offsets. */
  text: string;
  start: number;
  end: number;
  /** Token indexes [tokStart, tokEnd) in the token array given to findCues. */
  tokStart: number;
  tokEnd: number;
  hint: StanceHint;
  family: string;
  kind: CueKind;
  lang: "ar" | "en";
  present: boolean;
  initialOnly: boolean;
  /** The cue word carried a conjunction (وأضاف، فأكد). */
  conj: boolean;
}

/**
 * All cues in a token range (longest match first, no overlaps), in text order.
 * `text` is the string the tokens' offsets point into.
 */
export function findCues(text: string, toks: Tok[]): CueMatch[] {
  const out: CueMatch[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== "word") continue;
    const direct = BY_FIRST.get(t.norm) ?? [];
    const stripped = withoutConj(t.norm);
    const viaConj = stripped !== t.norm ? (BY_FIRST.get(stripped) ?? []).filter((f) => f.entry.lang === "ar") : [];
    const candidates = [...direct, ...viaConj].sort((a, b) => b.toks.length - a.toks.length);
    for (const f of candidates) {
      const conj = t.norm !== f.toks[0];
      let ok = true;
      let j = i + 1;
      for (let k = 1; k < f.toks.length; k++, j++) {
        while (j < toks.length && toks[j].kind === "quote") j++;
        if (j >= toks.length || toks[j].norm !== f.toks[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const end = toks[j - 1].end;
      // "نفى" (verb) and "نفي" (verbal noun) fold to one key; the written ى / ي tells them apart
      let kind = f.entry.kind;
      if (kind === "verb" && f.entry.family === "نفى" && /^[وف]?نفي$/.test(t.raw.replace(/[\u064B-\u0652\u0640]/g, ""))) kind = "masdar";
      out.push({
        text: text.slice(t.start, end),
        start: t.start,
        end,
        tokStart: i,
        tokEnd: j,
        hint: f.entry.hint,
        family: f.entry.family,
        kind,
        lang: f.entry.lang,
        present: !!f.entry.present,
        initialOnly: !!f.entry.initialOnly,
        conj,
      });
      i = j - 1;
      break;
    }
  }
  return out;
}

/** Anonymous-source heads: "مصادر خاصة", "مصدر مطلع", "sources", "a senior official". */
export const ANON_HEADS_AR = new Set(
  ["مصادر", "مصدر", "ناشطون", "ناشطين", "شهود", "اوساط", "جهات", "مسؤول", "مسوول", "مسؤولون", "مسوولون", "مراقبون", "متابعون"].map((w) => normalizeText(w)),
);
export const ANON_HEADS_EN = new Set([
  "source",
  "sources",
  "official",
  "officials",
  "diplomat",
  "diplomats",
  "insiders",
  "insider",
  "witnesses",
  "residents",
  "people",
  "person",
  "activists",
  "aides",
  "aide",
]);
