/**
 * Shared pieces of frame reading: the Frame record, clause tests and the content-marker scan.
 * A *frame* is one reporting act in a sentence: its cue, speaker and the token range of what was said.
 */
import type { CueMatch } from "./reporting.ts";
import { type Speaker, closingQuote, isComplementizer } from "./speakers.ts";
import { MONTHS_AR, WEEKDAYS_AR } from "./gazetteer.ts";
import type { Tok } from "./tokens.ts";

export interface Frame {
  cue: CueMatch;
  sequential: boolean;
  speaker?: Speaker;
  via?: string;
  /** Token range of the content, [cs, ce). */
  cs?: number;
  ce?: number;
  /** Token range cut out of the content (an attribution phrase in mid-sentence). */
  cut?: [number, number];
  /** Where a content marker (أن، إن، :، quote, عن) was found. */
  marker?: number;
  relayCue?: CueMatch;
  passive?: boolean;
  dropped?: boolean;
  /** Characters to skip at the start of the content (the ل of "لتشكيل"). */
  skipChars?: number;
  reasons: string[];
}

const TIME_WORDS = new Set(
  [
    ...WEEKDAYS_AR,
    ...MONTHS_AR,
    "يوم",
    "اليوم",
    "أمس",
    "امس",
    "الليلة",
    "مساء",
    "صباح",
    "ظهر",
    "فجر",
    "الماضي",
    "الماضية",
    "الجاري",
    "الحالي",
    "رسميا",
    "رسمياً",
    "أيضا",
    "أيضاً",
    "كذلك",
    "في",
    "من",
    "بيان",
    "ببيان",
    "له",
    "لها",
    "الأول",
    "الثاني",
    "الاول",
    "الثانى",
    // what is relayed: "تداولت صفحات أنباءً غير مؤكدة عن …"
    "أنباء",
    "أنباءً",
    "انباء",
    "أخبار",
    "اخبار",
    "معلومات",
    "تقارير",
    "تقريرا",
    "تقريراً",
    "نبأ",
    "خبر",
    "خبرا",
    "خبراً",
    "صور",
    "صورا",
    "صوراً",
    "مقاطع",
    "مقطع",
    "فيديو",
    "غير",
    "مؤكدة",
    "مؤكد",
    "رسمية",
    "متداولة",
    "جديدة",
    "نفسها",
    "ذاتها",
  ].flatMap((w) => [w, w.replace(/[أإآ]/g, "ا")]),
);

/** A date, number, time or manner word that may sit between a speaker and "عن". */
function isAdverbialWord(t: Tok): boolean {
  if (/^\d|^[\u0660-\u0669]/.test(t.raw)) return true;
  const w = t.raw.replace(/^[وف]/, "").replace(/[\u064B-\u0652\u0640]/g, "");
  return TIME_WORDS.has(t.raw) || TIME_WORDS.has(w) || TIME_WORDS.has(w.replace(/[أإآ]/g, "ا")) || /اً$/.test(t.raw);
}

export function prevTok(toks: Tok[], i: number): Tok | undefined {
  let k = i - 1;
  while (k >= 0 && toks[k].kind === "quote") k--;
  return k >= 0 ? toks[k] : undefined;
}

/** Verb at the start of its clause: sentence start, after "و", a comma or a colon. */
export function clauseInitial(toks: Tok[], i: number): boolean {
  const p = prevTok(toks, i);
  if (!p) return true;
  if (p.kind === "punct" && /^[،,:؛;.!?؟…(\-–—|]$/.test(p.raw)) return true;
  if (p.norm === "و" || p.norm === "ف") return true;
  if (!p.arabic && /^(?:and|but|while)$/.test(p.norm)) return true;
  return false;
}

export function scanMarker(
  toks: Tok[],
  from: number,
  limit: number,
  isCue: (i: number) => boolean,
  allowAn: boolean,
): { marker: number; cs: number; embedded?: boolean; prepAt?: number } | undefined {
  // "عن" opens the content only right after the speaker (and any date or adverb between):
  // in "أعلنت الوزارة، يوم الخميس، إتمام صفقة أُفرج بموجبها عن 12 محتجزاً" the later "عن"
  // belongs to the content, which is the verbal noun's object.
  let nearVerb = true;
  for (let k = from; k < limit && k - from < 30; k++) {
    const t = toks[k];
    if (nearVerb && t.kind === "word" && t.norm !== "عن" && !isAdverbialWord(t)) nearVerb = false;
    if (isCue(k) && k > from - 1) {
      // an embedded frame (verbal noun / verb) starts the content, or an attribution phrase relays
      return { marker: k, cs: k, embedded: true };
    }
    if (isComplementizer(t)) return { marker: k, cs: k + 1 };
    if (t.raw === ":" || t.raw === "：") return { marker: k, cs: k + 1 };
    if (allowAn && nearVerb && t.kind === "word" && t.norm === "عن") return { marker: k, cs: k + 1 };
    if (t.kind === "quote") {
      // a short name in quotes followed by more frame words ("مع «X» بالقول إن") is not the content
      const c = closingQuote(toks, k, limit);
      if (c > k && c - k <= 7) {
        let look = c + 1;
        let found = false;
        for (; look < limit && look - c < 8; look++) {
          if (isComplementizer(toks[look]) || toks[look].raw === ":") {
            found = true;
            break;
          }
          if (toks[look].kind === "quote") break;
        }
        if (found) {
          k = c;
          continue;
        }
      }
      if (isCue(k + 1)) return { marker: k + 1, cs: k + 1, embedded: true };
      return { marker: k, cs: k };
    }
    if (t.kind === "punct" && /^[.!?؟]$/.test(t.raw)) break;
  }
  return undefined;
}

/** An attribution phrase must name something that can speak ("بحسب المرصد", not "وفق المعايير"). */
export function looksLikeSource(sp: Speaker, quoted: boolean): boolean {
  return quoted || sp.kind !== "unknown" || sp.matchedSourceId !== undefined || !!sp.resolvedFrom;
}

export function firstWordIdx(toks: Tok[]): number {
  const i = toks.findIndex((t) => t.kind === "word" || t.kind === "num");
  return i < 0 ? 0 : i;
}
