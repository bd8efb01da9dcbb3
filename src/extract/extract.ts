/**
 * Claim-extraction assistant: from a report's text, suggest (claim, speaker, stance, quote,
 * details) tuples for an analyst to confirm. Nothing is saved here; pure and deterministic.
 *
 * How a suggestion is found, per sentence:
 *  1. cues from the lexicon (reporting.ts): verbs, participles, verbal nouns, "according to"
 *     phrases and the outlet's own voice open *frames*; denial phrases and hedges modify them;
 *  2. each frame gets a speaker (the phrase after an Arabic verb, before an English one, after
 *     "بحسب"/"according to"; an earlier speaker when the verb has none or names it briefly —
 *     "وأضاف بالي", "وأضافت المصادر"; the outlet for its own voice or a passive "أُعلن");
 *  3. the content is what follows the complementizer (أن/إن/that), colon, quotation or "عن";
 *     a frame whose content holds another frame is a relay ("نشرت وسائل إعلام نفياً من الجيش…"):
 *     the inner frame is the suggestion and the relay is kept in `via`;
 *  4. stance = the cue's hint, made "unverified" for anonymous speakers and hedged content and
 *     "denied" when the content is a denial ("لا صحة", "no truth"); the decisive cue is reported.
 */
import { hasArabic } from "../engine/normalize.ts";
import { type SentenceSpan, splitSentences } from "./sentences.ts";
import { type CueMatch, type StanceHint, findCues } from "./reporting.ts";
import { type Tok, cleanClaim, displayText, tokenizeWithOffsets, withoutConj } from "./tokens.ts";
import { type Details, detectDates, detectDetails, detectPeople } from "./details.ts";
import {
  type KnownSource,
  type NPResult,
  type Speaker,
  type SpeakerContext,
  closingQuote,
  isArabicStop,
  isComplementizer,
  makeSpeaker,
  outletSpeaker,
  parseArabicNP,
  parseEnglishLeftNP,
  parseEnglishRightNP,
} from "./speakers.ts";
import { detectOutlet } from "./outlet.ts";
import { GAZ_ALL_KEYS, PLACES } from "./gazetteer.ts";

export type { KnownSource, Speaker } from "./speakers.ts";
export type { Details } from "./details.ts";
export type Stance = StanceHint;

export interface ExtractInput {
  text: string;
  outlet?: { name: string; aliases?: string[] };
  knownSources?: KnownSource[];
  /** Publication date (ISO 8601): when given, details.resolvedDates pins relative dates to days. */
  publishedAt?: string;
}

export interface CueRef {
  text: string;
  start: number;
  end: number;
  /** The stance this cue suggests on its own. */
  hint: StanceHint;
  /** Lexicon family ("نفى", "say", "according to", "anonymous" …) and kind (verb, prep …). */
  family: string;
  kind: string;
}

export interface Suggestion {
  /** The proposition, without the reporting frame where that could be cut away. */
  claimText: string;
  speaker: Speaker;
  /** The publishing outlet's name (input or detected). */
  outlet?: string;
  stance: StanceHint;
  /** The cue the stance rests on (exact text and offsets in the input). */
  cue: CueRef;
  /** Every cue that played a part (reporting verb, anonymity, hedge, denial phrase). */
  cues: CueRef[];
  /** Verbatim evidence: `text.slice(quote.start, quote.end) === quote.text`. */
  quote: { text: string; start: number; end: number };
  sentence: { start: number; end: number };
  details: Details;
  /** Who relayed the statement ("وسائل الإعلام العربية" for the army's denial), if anyone. */
  via?: string;
  /** Came from the headline rather than the body. */
  headline?: boolean;
  /** Human-readable reasons, in the order they were applied. */
  reasons: string[];
}

export interface ExtractResult {
  language: "ar" | "en" | "mixed";
  outlet?: { name: string; aliases?: string[] };
  sentences: SentenceSpan[];
  suggestions: Suggestion[];
}

/** Verb families whose content may follow "عن": أعلن عن، كشف عن، أفاد عن، نفى … عن. */
const AN_VERBS = new Set(["أعلن", "كشف", "أفاد", "نفى", "تداول", "نقل"]);
/** Bare nouns that can head a subject before a past-tense verb. */
const SUBJECT_HEADS = new Set(["مصدر", "مصادر", "وزاره", "قياده", "متحدث", "مسوول", "بيان", "وكاله", "قوات", "مجلس", "هييه"]);

const FRAME_KINDS = new Set(["verb", "participle", "masdar", "prep", "author"]);

interface Frame {
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

function languageOf(text: string): "ar" | "en" | "mixed" {
  const ar = (text.match(/[\u0621-\u064A]/g) ?? []).length;
  const la = (text.match(/[A-Za-z]/g) ?? []).length;
  if (ar && la) {
    if (ar > la * 4) return "ar";
    if (la > ar * 4) return "en";
    return "mixed";
  }
  return ar ? "ar" : "en";
}

const toRef = (c: CueMatch): CueRef => ({ text: c.text, start: c.start, end: c.end, hint: c.hint, family: c.family, kind: c.kind });

function prevTok(toks: Tok[], i: number): Tok | undefined {
  let k = i - 1;
  while (k >= 0 && toks[k].kind === "quote") k--;
  return k >= 0 ? toks[k] : undefined;
}

/** Verb at the start of its clause: sentence start, after "و", a comma or a colon. */
function clauseInitial(toks: Tok[], i: number): boolean {
  const p = prevTok(toks, i);
  if (!p) return true;
  if (p.kind === "punct" && /^[،,:؛;.!?؟…(\-–—|]$/.test(p.raw)) return true;
  if (p.norm === "و" || p.norm === "ف") return true;
  if (!p.arabic && /^(?:and|but|while)$/.test(p.norm)) return true;
  return false;
}

const EN_SKIP_AFTER_VERB = new Set(["on", "late", "early", "earlier", "later", "yesterday", "today", "in", "a", "an", "statement", "interview", "post", "briefing", "to", "reporters", "journalists", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "night", "morning", "evening", "afternoon", "also", "again", "publicly", "flatly", "firmly", "strongly", "categorically", "any", "reports", "claims", "allegations", "suggestions", "rumours", "rumors"]);

export function extractSuggestions(input: ExtractInput): ExtractResult {
  const text = input.text;
  const sentences = splitSentences(text);
  const language = languageOf(text);
  const outlet = input.outlet ?? (() => {
    const g = detectOutlet(text);
    return g ? { name: g.name, aliases: g.aliases } : undefined;
  })();
  const ctx: SpeakerContext = { outlet, known: input.knownSources ?? [], history: [] };
  const docPeople = [...new Set(detectPeople(text, tokenizeWithOffsets(text)).map((p) => p.text))];
  const headlineSet = headlineSentences(text, sentences);
  const suggestions: Suggestion[] = [];

  sentences.forEach((s, si) => {
    const toks = tokenizeWithOffsets(text, s.start, s.end);
    const headline = headlineSet.has(si);
    const frames = buildFrames(text, toks, ctx, headline);
    const previousSpeakerInSentence: Speaker[] = [];
    for (const f of frames) {
      if (f.dropped || f.cs === undefined) continue;
      const sug = toSuggestion(text, s, toks, f, ctx, headline, sentences, si, headlineSet, docPeople, input.publishedAt);
      if (!sug) continue;
      suggestions.push(sug);
      previousSpeakerInSentence.push(sug.speaker);
      // the reporting outlet's own voice is not a speaker later sentences refer back to
      if (!(sug.speaker.kind === "outlet" && sug.speaker.name === ctx.outlet?.name) && sug.speaker.name !== "(the outlet)") ctx.history.push(sug.speaker);
    }
  });
  return { language, outlet, sentences, suggestions };
}

/** Sentences of the leading short lines (section label, title) — up to two lines. */
function headlineSentences(text: string, sentences: SentenceSpan[]): Set<number> {
  const out = new Set<number>();
  const lines: Array<[number, number]> = [];
  let p = 0;
  while (p < text.length && lines.length < 2) {
    let q = text.indexOf("\n", p);
    if (q < 0) q = text.length;
    const line = text.slice(p, q).trim();
    if (line) {
      if (line.length > 220 || /[.:]$/.test(line)) break;
      lines.push([p, q]);
    }
    p = q + 1;
  }
  if (lines.length && lines[lines.length - 1][1] >= text.trimEnd().length) return out; // the whole text is one line
  sentences.forEach((s, i) => {
    if (lines.some(([a, b]) => s.start >= a && s.end <= b)) out.add(i);
  });
  return out;
}

function buildFrames(text: string, toks: Tok[], ctx: SpeakerContext, headline: boolean): Frame[] {
  const cues = findCues(text, toks);
  const frameCues = cues.filter(
    (c) =>
      FRAME_KINDS.has(c.kind) &&
      (!c.initialOnly || clauseInitial(toks, c.tokStart)) &&
      // "the United States" is no verb: English verb cues are lower case
      !(c.lang === "en" && c.kind !== "prep" && /^[A-Z]/.test(c.text) && c.tokStart > firstWordIdx(toks)),
  );
  const cueAt = new Map<number, CueMatch>();
  for (const c of frameCues) cueAt.set(c.tokStart, c);
  const isCue = (i: number) => cueAt.has(i);
  // connectors (قائلاً، بالقول) are not frames but do end a speaker phrase
  const connectorAt = new Set(cues.filter((c) => c.kind === "connector").map((c) => c.tokStart));
  const npStop = (i: number) => cueAt.has(i) || connectorAt.has(i);

  const frames: Frame[] = frameCues.map((cue, k) => {
    const p = prevTok(toks, cue.tokStart);
    const sequential =
      k === 0 ||
      cue.kind === "participle" ||
      ((cue.kind === "verb" || cue.kind === "author") && (cue.conj || clauseInitial(toks, cue.tokStart)) && !(p && p.kind === "quote"));
    return { cue, sequential, reasons: [] };
  });

  // the end of the region a frame may look in: the next sequential frame
  const regionEnd = (k: number) => {
    for (let m = k + 1; m < frames.length; m++) if (frames[m].sequential && frames[m].cue.kind !== "prep") return frames[m].cue.tokStart;
    return toks.length;
  };

  const consumed = new Set<CueMatch>();
  frames.forEach((f, k) => {
    if (consumed.has(f.cue)) {
      f.dropped = true;
      return;
    }
    const limit = regionEnd(k);
    const prevLive = [...frames.slice(0, k)].reverse().find((g) => !g.dropped && g.speaker);
    if (f.cue.lang === "ar") parseArabicFrame(text, toks, f, limit, isCue, npStop, cueAt, consumed, ctx, headline, prevLive);
    else parseEnglishFrame(text, toks, f, limit, isCue, ctx, prevLive);
    // a frame that is not sequential sits inside the previous one: the previous one relays it
    if (!f.sequential && !f.dropped && f.cs !== undefined && prevLive && prevLive.cs !== undefined && f.cue.tokStart >= prevLive.cs) {
      prevLive.dropped = true;
      if (prevLive.cue.kind === "author" || prevLive.passive) {
        if (f.passive) f.reasons.push("the outlet reports this without naming who announced it");
      } else if (prevLive.speaker) {
        f.via = prevLive.speaker.name;
        f.reasons.push(`relayed by ${prevLive.speaker.name} ("${prevLive.cue.text}")`);
      }
    }
  });
  // content ends where the next live sequential frame starts
  const live = frames.filter((f) => !f.dropped && f.cs !== undefined);
  live.forEach((f) => {
    if (f.ce !== undefined) return;
    const nextSeq = live.find((g) => g.cue.tokStart > f.cue.tokStart && g.sequential && g.cue.kind !== "prep" && g.cue.tokStart >= (f.cs ?? 0));
    f.ce = nextSeq ? nextSeq.cue.tokStart : toks.length;
  });
  return frames;
}

function scanMarker(
  toks: Tok[],
  from: number,
  limit: number,
  isCue: (i: number) => boolean,
  allowAn: boolean,
): { marker: number; cs: number; embedded?: boolean; prepAt?: number } | undefined {
  for (let k = from; k < limit && k - from < 30; k++) {
    const t = toks[k];
    if (isCue(k) && k > from - 1) {
      // an embedded frame (verbal noun / verb) starts the content, or an attribution phrase relays
      return { marker: k, cs: k, embedded: true };
    }
    if (isComplementizer(t)) return { marker: k, cs: k + 1 };
    if (t.raw === ":" || t.raw === "：") return { marker: k, cs: k + 1 };
    if (allowAn && t.kind === "word" && t.norm === "عن") return { marker: k, cs: k + 1 };
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

function parseArabicFrame(
  text: string,
  toks: Tok[],
  f: Frame,
  limit: number,
  isCue: (i: number) => boolean,
  npStop: (i: number) => boolean,
  cueAt: Map<number, CueMatch>,
  consumed: Set<CueMatch>,
  ctx: SpeakerContext,
  headline: boolean,
  prevLive?: Frame,
): void {
  const c = f.cue;
  const j = c.tokEnd;
  const t = toks[j];
  const carry = (why: string) => {
    const sp = prevLive?.speaker ?? ctx.history[ctx.history.length - 1];
    if (sp) {
      f.speaker = { ...sp, surface: undefined, start: undefined, end: undefined, resolvedFrom: undefined };
      f.reasons.push(why);
    }
  };

  if (c.kind === "prep") {
    let a = j;
    if (toks[a]?.norm === "ل") a++;
    let npA = a;
    let npB: number;
    let after: number;
    if (toks[a]?.kind === "quote") {
      const q = closingQuote(toks, a, toks.length);
      npA = a + 1;
      npB = q > a ? q : parseArabicNP(toks, a + 1, toks.length, npStop, ctx.outlet).b;
      after = q > a ? q + 1 : npB;
    } else {
      const np = parseArabicNP(toks, a, toks.length, npStop, ctx.outlet);
      npB = np.b;
      after = np.b;
    }
    if (npB <= npA) {
      f.dropped = true;
      return;
    }
    f.speaker = makeSpeaker(text, toks.slice(npA, npB), "ar", ctx);
    if (!looksLikeSource(f.speaker, toks[a]?.kind === "quote")) {
      f.dropped = true; // "وفق أعلى معايير المهنية" — not a source
      return;
    }
    const startIdx = firstWordIdx(toks);
    const atStart = c.tokStart <= startIdx + (toks[startIdx]?.norm === "و" ? 1 : 0);
    if (atStart) {
      let cs = after;
      while (cs < toks.length && (toks[cs].raw === "،" || toks[cs].raw === "," || isComplementizer(toks[cs]))) cs++;
      f.cs = cs;
    } else {
      f.cs = startIdx;
      f.cut = [c.tokStart, after];
    }
    f.marker = c.tokStart;
    return;
  }

  if (c.kind === "author") {
    f.speaker = outletSpeaker(ctx);
    f.reasons.push(`"${c.text}" is the outlet's own voice`);
    const m = scanMarker(toks, c.tokStart + 1, limit, isCue, false);
    f.cs = m ? m.cs : j;
    f.marker = m?.marker;
    return;
  }

  // "نفي عراقي" reads as the verb نفى without diacritics; a following nisba adjective says it is the noun
  const nisbaAgent = headline && toks[j]?.kind === "word" && !toks[j].article && /ي$/.test(toks[j].norm) && toks[j].norm.length > 3;
  if (c.kind === "masdar" || (c.kind === "verb" && nisbaAgent && countryOfNisba(toks[j].norm))) {
    let a = j;
    if (nisbaAgent) {
      // headline "نفي عراقي لتشكيل مركز مشترك": the agent is a nisba adjective, the object follows لـ
      const country = countryOfNisba(toks[a].norm);
      const base = { surface: toks[a].raw, start: toks[a].start, end: toks[a].end };
      f.speaker = country
        ? { ...makeSpeaker(text, tokenizeWithOffsets(country), "ar", ctx), ...base }
        : outletSpeaker(ctx);
      f.reasons.push(`headline verbal noun "${c.text}" with the agent "${toks[a].raw}"`);
      let k = a + 1;
      while (k < limit && toks[k].kind !== "word") k++;
      if (k < limit && /^ل/.test(toks[k].norm) && toks[k].key !== toks[k].norm && !toks[k].norm.startsWith("لل")) f.skipChars = 1;
      else if (k < limit && toks[k].norm === "عن") k++;
      f.cs = k;
      return;
    }
    if (toks[a]?.norm === "من") a++;
    else if (!toks[a]?.article) {
      f.dropped = true;
      return;
    }
    const np = parseArabicNP(toks, a, limit, npStop, ctx.outlet);
    if (np.b <= np.a) {
      f.dropped = true;
      return;
    }
    f.speaker = makeSpeaker(text, toks.slice(np.a, np.b), "ar", ctx, { addressee: np.addressee });
    const m = scanMarker(toks, np.next, limit, isCue, true);
    f.cs = m ? m.cs : np.next;
    f.marker = m?.marker;
    return;
  }

  if (c.kind === "participle") {
    carry(`"${c.text}" continues the previous speaker`);
    const m = scanMarker(toks, j, limit, isCue, false);
    if (!m || m.embedded) {
      f.dropped = true;
      return;
    }
    f.cs = m.cs;
    f.marker = m.marker;
    return;
  }

  // finite verb
  let np: NPResult = { a: j, b: j, next: j };
  const noSpeakerHere =
    !t ||
    isComplementizer(t) ||
    t.raw === ":" ||
    t.kind === "quote" ||
    t.norm === "عن" ||
    ((t.norm === "الي" || t.norm === "إلى") && isComplementizer(toks[j + 1]));
  // present tense after a clear subject is SVO: "الجيش العراقي ينفي تشكيل …"
  const before = c.present && !clauseInitial(toks, c.tokStart) ? svoSpeaker(toks, c.tokStart) : undefined;
  const svoFirst = before && (before[0].article || SUBJECT_HEADS.has(withoutConj(before[0].norm)) || GAZ_ALL_KEYS.has(withoutConj(before[0].key)));
  if (svoFirst) {
    f.speaker = makeSpeaker(text, before!, "ar", ctx);
    f.reasons.push(`subject before the verb "${c.text}"`);
  } else if (!noSpeakerHere) np = parseArabicNP(toks, j, limit, npStop, ctx.outlet);
  // "عن" opens the content only for verbs that take it (أعلن عن، كشف عن), not in "فضّل عدم الكشف عن اسمه"
  let m = scanMarker(toks, np.next, limit, isCue, AN_VERBS.has(c.family));
  // "ونقلت وكالة X عن المتحدث Y قوله إن …": Y is the speaker, X relays
  if (c.family === "نقل") {
    if (!m || toks[m.marker]?.norm !== "عن") {
      f.dropped = true;
      return;
    }
    const inp = parseArabicNP(toks, m.marker + 1, limit, npStop, ctx.outlet);
    if (inp.b <= inp.a) {
      f.dropped = true;
      return;
    }
    const relay = np.b > np.a ? makeSpeaker(text, toks.slice(np.a, np.b), "ar", ctx) : undefined;
    f.speaker = makeSpeaker(text, toks.slice(inp.a, inp.b), "ar", ctx, { addressee: relay?.name });
    if (relay) {
      f.via = relay.name;
      f.reasons.push(`relayed by ${relay.name} ("${c.text} … عن")`);
    }
    let k = inp.next;
    if (toks[k] && /^قول(?:ه|ها|هم|هما)$/.test(toks[k].norm)) k++;
    const m2 = scanMarker(toks, k, limit, isCue, false);
    if (!m2 || m2.embedded) {
      f.dropped = true;
      return;
    }
    f.cs = m2.cs;
    f.marker = m2.marker;
    return;
  }
  // "ذكرت وكالة X نقلاً عن مصدر عسكري أن …": the attribution phrase names the real speaker
  if (m?.embedded) {
    const inner = cueAt.get(m.marker);
    if (inner && inner.kind === "prep") {
      consumed.add(inner);
      let a = inner.tokEnd;
      if (toks[a]?.norm === "ل") a++;
      const inp = parseArabicNP(toks, a, limit, npStop, ctx.outlet);
      if (inp.b > inp.a) {
        const relay = np.b > np.a ? makeSpeaker(text, toks.slice(np.a, np.b), "ar", ctx) : undefined;
        f.speaker = makeSpeaker(text, toks.slice(inp.a, inp.b), "ar", ctx, { addressee: relay?.name });
        if (relay) {
          f.via = relay.name;
          f.reasons.push(`relayed by ${relay.name} ("${c.text}")`);
        }
        f.relayCue = inner;
        m = scanMarker(toks, inp.next, limit, isCue, true);
        if (!m) {
          f.dropped = true;
          return;
        }
        f.cs = m.cs;
        f.marker = m.marker;
        return;
      }
    }
  }
  if (f.speaker) {
    // already found before the verb
  } else if (np.b > np.a) {
    f.speaker = makeSpeaker(text, toks.slice(np.a, np.b), "ar", ctx, { addressee: np.addressee });
  } else if (clauseInitial(toks, c.tokStart) && !headline) {
    carry(`no speaker after "${c.text}": carried over from the previous statement`);
  } else {
    // SVO ("والعراق ينفي") — only in headlines or with present-tense verbs
    // SVO: headlines, present tense ("الجيش ينفي"), or a past verb after a clear subject ("المتحدث باسم الجيش أكد أن")
    const back = svoSpeaker(toks, c.tokStart);
    const clearSubject = back && (back[0].article || SUBJECT_HEADS.has(withoutConj(back[0].norm)));
    const svo = headline || c.present || clearSubject ? back : undefined;
    if (svo) f.speaker = makeSpeaker(text, svo, "ar", ctx);
    else {
      f.speaker = outletSpeaker(ctx);
      f.passive = true;
      f.reasons.push(`"${c.text}" names no speaker (passive): attributed to the outlet`);
    }
  }
  if (!f.speaker) {
    f.dropped = true;
    return;
  }
  if (m) {
    f.cs = m.cs;
    f.marker = m.marker;
    return;
  }
  // no complementizer: a denial's direct object ("نفت الوزارة أي علاقة …") or a headline
  // "أعلنت قيادة العمليات، اليوم السبت، مقتل خمسة عناصر" — announce/confirm verbs take one too
  if (c.hint === "denied" || headline || ((c.family === "أعلن" || c.family === "أكد") && (np.b > np.a || svoFirst))) {
    const cs = skipAdverbials(text, toks, np.next);
    if (toks.slice(cs, limit).filter((t) => t.kind === "word").length >= 2 || c.hint === "denied" || headline) {
      f.cs = cs;
      return;
    }
  }
  f.dropped = true;
}

/** "عراقي" → "العراق", "تركي" → "تركيا": the country a nisba adjective names, if in the gazetteer. */
function countryOfNisba(norm: string): string | undefined {
  const stem = norm.replace(/ي$/, "");
  for (const cand of [stem, stem + "يا", stem + "ا", "ال" + stem]) {
    const hit = PLACES.find((row) => row.some((v) => tokenizeWithOffsets(v)[0]?.key === cand && tokenizeWithOffsets(v).length === 1));
    if (hit) return hit[0];
  }
  return undefined;
}

/** An attribution phrase must name something that can speak ("بحسب المرصد", not "وفق المعايير"). */
function looksLikeSource(sp: Speaker, quoted: boolean): boolean {
  return quoted || sp.kind !== "unknown" || sp.matchedSourceId !== undefined || !!sp.resolvedFrom;
}

/** Skip commas and date/time expressions between the speaker and a direct object. */
function skipAdverbials(text: string, toks: Tok[], i: number): number {
  if (!toks.length) return i;
  const dates = detectDates(text, toks[0].start, toks[toks.length - 1].end);
  let k = i;
  while (k < toks.length && (toks[k].kind === "punct" || dates.some((d) => toks[k].start >= d.start && toks[k].end <= d.end))) k++;
  return k;
}

function firstWordIdx(toks: Tok[]): number {
  const i = toks.findIndex((t) => t.kind === "word" || t.kind === "num");
  return i < 0 ? 0 : i;
}

/** Words before a verb in the same clause, e.g. "والعراق" in "والعراق ينفي!". */
function svoSpeaker(toks: Tok[], v: number): Tok[] | undefined {
  let a = v;
  while (a > 0) {
    const t = toks[a - 1];
    if (t.kind !== "word" && t.kind !== "quote") break;
    if (isComplementizer(t)) break;
    a--;
    if (v - a > 6) return undefined;
  }
  const words = toks.slice(a, v).filter((t) => t.kind === "word");
  if (!words.length) return undefined;
  const first = words[0];
  if (isArabicStop(first) || isArabicStop({ ...first, norm: withoutConj(first.norm) })) return undefined;
  // drop a leading conjunction "و" from the surface
  const out = toks.slice(a, v).filter((t) => t.kind === "word");
  if (out[0].norm === "و") out.shift();
  else if (/^[وف]/.test(out[0].raw) && out[0].norm !== withoutConj(out[0].norm) && (out[0].article || /^[وف][أإآ]/.test(out[0].raw) || GAZ_ALL_KEYS.has(withoutConj(out[0].key)))) {
    const skip = out[0].raw.length - out[0].raw.slice(1).length;
    out[0] = { ...out[0], raw: out[0].raw.slice(skip), start: out[0].start + skip, norm: withoutConj(out[0].norm) };
  }
  return out.length ? out : undefined;
}

function parseEnglishFrame(
  text: string,
  toks: Tok[],
  f: Frame,
  limit: number,
  isCue: (i: number) => boolean,
  ctx: SpeakerContext,
  prevLive?: Frame,
): void {
  const c = f.cue;
  const v = c.tokStart;
  if (c.kind === "prep") {
    // "According to X, Y" / "Y, according to X."
    const r = parseEnglishRightNP(toks, c.tokEnd, toks.length);
    if (r.b <= r.a) {
      f.dropped = true;
      return;
    }
    f.speaker = makeSpeaker(text, toks.slice(r.a, r.b), "en", ctx);
    if (!looksLikeSource(f.speaker, false) && !toks[r.a].cap) {
      f.dropped = true;
      return;
    }
    const startIdx = firstWordIdx(toks);
    if (v <= startIdx) {
      let cs = r.b;
      while (cs < toks.length && toks[cs].kind === "punct") cs++;
      f.cs = cs;
    } else {
      f.cs = startIdx;
      f.cut = [v, r.b];
    }
    f.marker = v;
    return;
  }
  if (c.kind === "participle") {
    const sp = prevLive?.speaker ?? ctx.history[ctx.history.length - 1];
    if (!sp) {
      f.dropped = true;
      return;
    }
    f.speaker = sp;
    f.reasons.push(`"${c.text}" continues the previous speaker`);
    f.cs = skipAfterVerb(toks, c.tokEnd, c);
    return;
  }
  // passive "was said to", "has been reported", "is claimed": nobody is named
  const before = toks[v - 1];
  if (before && /^(?:was|were|is|are|been|be|being)$/.test(before.norm)) {
    f.speaker = outletSpeaker(ctx);
    f.passive = true;
    f.reasons.push(`"${before.raw} ${c.text}" is passive: no speaker is named; attributed to the outlet`);
    let a = v - 1;
    while (a > 0 && toks[a - 1].kind === "word" && !EN_SUBJ_STOP.has(toks[a - 1].norm) && v - a < 10) a--;
    f.cs = a;
    return;
  }
  const left = parseEnglishLeftNP(toks, v, 0, isCue);
  if (left.b > left.a) {
    const nameToks = left.nameA !== undefined ? toks.slice(left.nameA, left.nameB) : undefined;
    const spToks = nameToks ? toks.slice(left.nameA, left.b) : toks.slice(left.a, left.b);
    const personal = nameToks?.filter((t) => t.kind === "word" && !/^(?:dr|mr|mrs|ms|prof|gen|col|sheikh)$/i.test(t.raw));
    f.speaker = makeSpeaker(text, spToks, "en", ctx, { nameToks: personal });
    const cs = skipAfterVerb(toks, c.tokEnd, c);
    const rest = toks.slice(cs, limit).filter((t) => t.kind === "word").length;
    if (rest >= 2) {
      f.cs = cs;
      return;
    }
    // post-posed frame: "…, SDF media head Mustafa Bali told Reuters." — content before it
    let ce = left.nameA ?? left.a;
    while (ce > 0 && (toks[ce - 1].kind === "punct" || toks[ce - 1].kind === "quote") && toks[ce - 1].kind !== "quote") ce--;
    if (ce <= firstWordIdx(toks)) {
      f.dropped = true;
      return;
    }
    f.cs = firstWordIdx(toks);
    f.ce = ce;
    return;
  }
  // "Quinton Winter, of Station Road, told …" / "Its curator, Quinton Winter, said that …":
  // the subject is the first comma segment, the segments between are its apposition
  const start = firstWordIdx(toks);
  if (toks[v - 1]?.raw === ",") {
    const commas = toks.map((t, i) => (t.raw === "," && i >= start && i < v ? i : -1)).filter((i) => i >= 0);
    const seg0 = toks.slice(start, commas[0]).filter((t) => t.kind === "word");
    const rest = toks.slice(c.tokEnd, limit).filter((t) => t.kind === "word").length;
    if (commas.length >= 2 && seg0.length >= 1 && seg0.length <= 6 && toks[start].kind === "word" && toks[start].cap && rest >= 2) {
      const segs = [toks.slice(start, commas[0]), ...commas.slice(0, -1).map((cm, k) => toks.slice(cm + 1, commas[k + 1]))];
      const spToks = toks.slice(start, v - 1);
      const nameSeg = segs.find((sg) => sg.filter((t) => t.kind === "word").every((t) => t.cap) && sg.filter((t) => t.kind === "word").length >= 2);
      f.speaker = makeSpeaker(text, spToks, "en", ctx, nameSeg ? { nameToks: nameSeg.filter((t) => t.kind === "word") } : {});
      f.cs = skipAfterVerb(toks, c.tokEnd, c);
      return;
    }
  }
  // inverted: "…,” said John Smith, a spokesman." — a short phrase that ends the clause
  const r = parseEnglishRightNP(toks, c.tokEnd, limit);
  const endsClause = r.b >= limit || toks[r.b]?.kind === "punct" || toks[r.b]?.kind === "quote";
  if (r.b > r.a && v > firstWordIdx(toks) && endsClause && r.b - r.a <= 8) {
    f.speaker = makeSpeaker(text, toks.slice(r.a, r.b), "en", ctx);
    f.cs = firstWordIdx(toks);
    f.ce = v;
    return;
  }
  f.dropped = true;
}

const EN_SUBJ_STOP = new Set(["that", "and", "but", "which", "who", "while", "as", "because", "although"]);

function skipAfterVerb(toks: Tok[], i: number, c: CueMatch): number {
  let k = i;
  // "told Reuters", "told reporters"
  if (/^(?:told|tells)$/i.test(c.text)) {
    while (k < toks.length && (toks[k].cap || /^(?:the|reporters|journalists)$/.test(toks[k].norm)) && toks[k].norm !== "that") k++;
  }
  while (k < toks.length) {
    const t = toks[k];
    if (t.kind === "word" && t.norm === "that") return k + 1;
    if (t.kind === "word" && EN_SKIP_AFTER_VERB.has(t.norm)) {
      k++;
      continue;
    }
    if (t.raw === "," || t.raw === ":") {
      k++;
      continue;
    }
    break;
  }
  return k;
}

function contentSpan(text: string, toks: Tok[], cs: number, ce: number): { start: number; end: number } | undefined {
  // trim edges: punctuation, conjunction و, complementizers left at the start
  while (cs < ce && (toks[cs].kind === "punct" || isComplementizer(toks[cs]))) cs++;
  while (ce > cs && (toks[ce - 1].kind === "punct" || toks[ce - 1].norm === "و" || toks[ce - 1].norm === "and")) ce--;
  if (ce <= cs) return undefined;
  // quotation right at the start: take what is inside it
  let q = cs;
  while (q < ce && q - cs <= 1 && toks[q].kind !== "quote" && (isComplementizer(toks[q]) || toks[q].raw === ":")) q++;
  if (toks[q]?.kind === "quote" && q < ce) {
    let last = -1;
    for (let k = ce - 1; k > q; k--) if (toks[k].kind === "quote") {
      last = k;
      break;
    }
    let a = toks[q].end;
    let b = last > q ? toks[last].start : toks[ce - 1].end;
    // text after the closing quote that still belongs (e.g. "… الحدود”" then nothing)
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /[\s،,.]/.test(text[b - 1])) b--;
    if (b > a) return { start: a, end: b };
  }
  let a = toks[cs].start;
  let b = toks[ce - 1].end;
  while (b > a && /[\s،,.\"“”«»]/.test(text[b - 1])) b--;
  while (a < b && /[\s\"“”«»]/.test(text[a])) a++;
  return b > a ? { start: a, end: b } : undefined;
}

function toSuggestion(
  text: string,
  s: SentenceSpan,
  toks: Tok[],
  f: Frame,
  ctx: SpeakerContext,
  headline: boolean,
  sentences: SentenceSpan[],
  si: number,
  headlineSet: Set<number>,
  docPeople: string[],
  publishedAt?: string,
): Suggestion | undefined {
  if (!f.speaker || f.cs === undefined) return undefined;
  const ce = f.ce ?? toks.length;
  let span = contentSpan(text, toks, f.cs, ce);
  if (span && f.skipChars && span.start === toks[f.cs]?.start) span = { start: span.start + f.skipChars, end: span.end };
  let claimText: string | undefined;
  let isHeadlineFallback = false;
  if (!span || !/[\p{L}\p{N}]{2}/u.test(text.slice(span.start, span.end))) {
    // "… .. والعراق ينفي!" — a headline verb whose object is the other headline clause
    if (!headline) return undefined;
    const other = [si - 1, si + 1].find((k) => headlineSet.has(k) && sentences[k] && sameLine(text, sentences[k], s));
    if (other === undefined) return undefined;
    const o = sentences[other];
    let b = o.end;
    while (b > o.start && /[\s.…!،,]/.test(text[b - 1])) b--;
    span = { start: o.start, end: b };
    isHeadlineFallback = true;
    f.reasons.push("headline: the verb's object is the other headline clause");
  }
  if (f.cut) {
    // the attribution phrase sits inside the clause: quote the whole clause, drop the phrase from the claim
    const before = toks.slice(f.cs, f.cut[0]);
    const after = toks.slice(f.cut[1], ce);
    claimText = cleanClaim(
      text.slice(span.start, toks[f.cut[0]].start) + " " + text.slice(toks[f.cut[1] - 1].end, span.end),
    );
    void before;
    void after;
  }
  claimText ??= cleanClaim(text.slice(span.start, span.end));
  if (!claimText || claimText.replace(/[^\p{L}]/gu, "").length < 3) return undefined;

  // ---- stance
  const cues: CueRef[] = [toRef(f.cue)];
  if (f.relayCue) cues.push(toRef(f.relayCue));
  let decisive: CueRef = f.relayCue ? toRef(f.relayCue) : toRef(f.cue);
  let stance: StanceHint = decisive.hint;
  const reasons = [...f.reasons];
  reasons.unshift(`cue "${f.cue.text}" (${f.cue.kind}) suggests ${f.cue.hint}`);
  if (f.relayCue) reasons.push(`"${f.relayCue.text}" marks a relayed attribution → unverified`);
  const inner = findCues(text, tokenizeWithOffsets(text, span.start, span.end));
  const negation = inner.find((c) => c.kind === "negation");
  // a hedge may sit in the frame as well as in the content ("Khoza reportedly said …")
  const hedge = findCues(text, toks).find((c) => c.kind === "hedge");
  if (negation && stance !== "denied") {
    stance = "denied";
    decisive = toRef(negation);
    cues.push(decisive);
    reasons.push(`the content is a denial ("${negation.text}") → denied`);
  }
  if (stance === "asserted" && f.speaker.kind === "anonymous") {
    stance = "unverified";
    const sp = f.speaker;
    // the words that named the anonymous source here; a carried-over speaker has none, so the
    // reporting cue that carried it over is what the stance rests on
    const named = sp.start !== undefined && sp.end !== undefined;
    decisive = {
      text: named ? text.slice(sp.start!, sp.end!) : f.cue.text,
      start: named ? sp.start! : f.cue.start,
      end: named ? sp.end! : f.cue.end,
      hint: "unverified",
      family: "anonymous",
      kind: "anonymous-source",
    };
    cues.push(decisive);
    reasons.push(`the speaker is anonymous (${sp.name}) → unverified`);
  }
  if (stance === "asserted" && hedge) {
    stance = "unverified";
    decisive = toRef(hedge);
    cues.push(decisive);
    reasons.push(`hedged ("${hedge.text}") → unverified`);
  }
  if (stance === "asserted" && f.passive) {
    stance = "unverified";
    reasons.push("no named speaker → unverified");
  }

  // ---- details: in the quote's sentence (a headline fallback looks at both headline clauses)
  const detFrom = isHeadlineFallback ? Math.min(span.start, s.start) : s.start;
  const detTo = isHeadlineFallback ? Math.max(span.end, s.end) : s.end;
  const extraPeople = f.speaker.kind === "person" && f.speaker.name && !f.speaker.resolvedFrom ? [f.speaker.name] : [];
  const details = detectDetails(text, detFrom, detTo, extraPeople, docPeople, publishedAt);

  return {
    claimText,
    speaker: f.speaker,
    outlet: ctx.outlet?.name,
    stance,
    cue: decisive,
    cues,
    quote: { text: text.slice(span.start, span.end), start: span.start, end: span.end },
    sentence: { start: s.start, end: s.end },
    details,
    ...(f.via ? { via: f.via } : {}),
    ...(headline ? { headline: true } : {}),
    reasons,
  };
}

function sameLine(text: string, a: SentenceSpan, b: SentenceSpan): boolean {
  const lo = Math.min(a.end, b.end);
  const hi = Math.max(a.start, b.start);
  return !text.slice(lo, hi).includes("\n");
}
