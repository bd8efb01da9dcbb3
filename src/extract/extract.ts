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
import { type SentenceSpan, splitSentences } from "./sentences.ts";
import { type CueMatch, type StanceHint, findCues } from "./reporting.ts";
import { type Tok, cleanClaim, tokenizeWithOffsets } from "./tokens.ts";
import { type Details, detectDetails, detectPeople } from "./details.ts";
import { type KnownSource, type Speaker, type SpeakerContext, isComplementizer } from "./speakers.ts";
import { detectOutlet } from "./outlet.ts";
import { keyTokens } from "../engine/normalize.ts";
import { contentTerms } from "../engine/text.ts";
import type { Frame } from "./frame-common.ts";
import { buildFrames } from "./frames.ts";

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

export function extractSuggestions(input: ExtractInput): ExtractResult {
  const text = input.text;
  const sentences = splitSentences(text);
  const language = languageOf(text);
  const outlet =
    input.outlet ??
    (() => {
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
  refineHeadlineSpeakers(suggestions);
  resolveFragmentSpeakers(suggestions, docPeople, text);
  return { language, outlet, sentences, suggestions };
}

/**
 * A headline names the state ("العراق ينفي", "Iraq denies"); the body names who spoke for it
 * ("نفياً من الجيش العراقي", "Iraq's Joint Operations Command denied"). When a body suggestion
 * takes the same stance on an overlapping claim and its speaker is of that state (its name or
 * role carries the state's name or nisba: العراقي / Iraqi / Iraq's), the headline is attributed
 * to that speaker, so accepting both does not create a vaguer second source. The same holds for
 * a headline's bare body name ("Ministry says …") that the body names in full ("the Syrian
 * Ministry of Local Administration announced …").
 */
function refineHeadlineSpeakers(suggestions: Suggestion[]): void {
  const keys = (s: string) => new Set(contentTerms(s));
  for (const h of suggestions) {
    // also a headline's bare body name ("Ministry says …", "الوزارة تنفي") that the body names in full
    const bare =
      h.speaker.isNew && h.speaker.kind !== "person" && h.speaker.kind !== "anonymous" && h.speaker.kind !== "outlet" && keyTokens(h.speaker.name).length <= 2;
    if (!h.headline || (h.speaker.kind !== "state" && !bare)) continue;
    const state = keyTokens(h.speaker.name);
    if (!state.length) continue;
    const claim = keys(h.claimText);
    const body = suggestions.find((b) => {
      if (b.headline || b.stance !== h.stance || b.speaker.kind === "state" || b.speaker.kind === "outlet") return false;
      const who = keyTokens(`${b.speaker.name} ${b.speaker.role ?? ""}`);
      if (!state.every((k) => who.some((w) => w.startsWith(k)))) return false;
      let shared = 0;
      for (const k of keys(b.claimText)) if (claim.has(k)) shared++;
      return shared >= 2;
    });
    if (!body) continue;
    h.reasons.push(`the headline's "${h.speaker.name}" is ${body.speaker.name}, who takes the same stance in the body`);
    h.speaker = { ...body.speaker };
  }
}

/**
 * A speaker named by one word («الحسن», "Mustafa", "al-Hassan") is the person the report names
 * in full elsewhere («أحمد الحسن»), when exactly one such person contains that word — a fragment
 * never becomes a source of its own when the full name is in the text.
 */
function resolveFragmentSpeakers(suggestions: Suggestion[], docPeople: string[], text: string): void {
  const words = (s: string) => keyTokens(s).filter((k) => k.length > 1 && !["al", "el", "abu", "bin", "ibn"].includes(k));
  // English full names written without a title: "Ahmed al-Hassan has led the council …"
  const english = [...text.matchAll(/\b[A-Z][a-z]+(?:\s+(?:(?:al|el|abu|bin|ibn)[- ])?[A-Z][a-z'’-]+){1,2}\b/g)]
    .map((m) => m[0])
    .filter((n) => !/^(?:The|On|In|At|But|And|According)\b/.test(n));
  const full = [...new Set([...docPeople, ...english, ...suggestions.filter((x) => x.speaker.kind === "person").map((x) => x.speaker.name)])].filter(
    (p) => words(p).length >= 2,
  );
  for (const s of suggestions) {
    const sp = s.speaker;
    if (!sp.isNew || sp.resolvedFrom || (sp.kind !== "person" && sp.kind !== "unknown")) continue;
    const mine = words(sp.name);
    if (mine.length !== 1) continue;
    const hits = full.filter((p) => words(p).includes(mine[0]));
    if (hits.length !== 1) continue;
    const person = suggestions.find((x) => x.speaker.name === hits[0])?.speaker;
    s.reasons.push(`"${sp.name}" is ${hits[0]}, named in full in the report`);
    s.speaker = person
      ? { ...person, surface: sp.surface, start: sp.start, end: sp.end, resolvedFrom: sp.name }
      : { ...sp, name: hits[0], kind: "person", resolvedFrom: sp.name };
  }
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
    for (let k = ce - 1; k > q; k--)
      if (toks[k].kind === "quote") {
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
  while (b > a && /[\s،,."“”«»]/.test(text[b - 1])) b--;
  while (a < b && /[\s"“”«»]/.test(text[a])) a++;
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
    claimText = cleanClaim(text.slice(span.start, toks[f.cut[0]].start) + " " + text.slice(toks[f.cut[1] - 1].end, span.end));
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
      text: named ? text.slice(sp.start, sp.end) : f.cue.text,
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
