/**
 * Reading an Arabic frame: VSO verbs and their speaker phrase, participles, verbal nouns, relays
 * (نقلاً عن، نقلت … عن … قوله), attribution phrases, the outlet's own voice, SVO and headlines.
 */
import type { CueMatch } from "./reporting.ts";
import { type Tok, tokenizeWithOffsets, withoutConj } from "./tokens.ts";
import { detectDates } from "./details.ts";
import { GAZ_ALL_KEYS, PLACES } from "./gazetteer.ts";
import { type NPResult, type SpeakerContext, closingQuote, isArabicStop, isComplementizer, makeSpeaker, outletSpeaker, parseArabicNP } from "./speakers.ts";
import { type Frame, clauseInitial, firstWordIdx, looksLikeSource, scanMarker } from "./frame-common.ts";

/** Verb families whose content may follow "عن": أعلن عن، كشف عن، أفاد عن، نفى … عن. */
export const AN_VERBS = new Set(["أعلن", "كشف", "أفاد", "نفى", "تداول", "نقل"]);
/** Bare nouns that can head a subject before a past-tense verb. */
export const SUBJECT_HEADS = new Set(["مصدر", "مصادر", "وزاره", "قياده", "متحدث", "مسوول", "بيان", "وكاله", "قوات", "مجلس", "هييه"]);

export function parseArabicFrame(
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
      f.speaker = country ? { ...makeSpeaker(text, tokenizeWithOffsets(country), "ar", ctx), ...base } : outletSpeaker(ctx);
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
    f.speaker = makeSpeaker(text, before, "ar", ctx);
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
export function countryOfNisba(norm: string): string | undefined {
  const stem = norm.replace(/ي$/, "");
  for (const cand of [stem, stem + "يا", stem + "ا", "ال" + stem]) {
    const hit = PLACES.find((row) => row.some((v) => tokenizeWithOffsets(v)[0]?.key === cand && tokenizeWithOffsets(v).length === 1));
    if (hit) return hit[0];
  }
  return undefined;
}

/** Skip commas and date/time expressions between the speaker and a direct object. */
export function skipAdverbials(text: string, toks: Tok[], i: number): number {
  if (!toks.length) return i;
  const dates = detectDates(text, toks[0].start, toks[toks.length - 1].end);
  let k = i;
  while (k < toks.length && (toks[k].kind === "punct" || dates.some((d) => toks[k].start >= d.start && toks[k].end <= d.end))) k++;
  return k;
}

/** Words before a verb in the same clause, e.g. "والعراق" in "والعراق ينفي!". */
export function svoSpeaker(toks: Tok[], v: number): Tok[] | undefined {
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
  else if (
    /^[وف]/.test(out[0].raw) &&
    out[0].norm !== withoutConj(out[0].norm) &&
    (out[0].article || /^[وف][أإآ]/.test(out[0].raw) || GAZ_ALL_KEYS.has(withoutConj(out[0].key)))
  ) {
    const skip = out[0].raw.length - out[0].raw.slice(1).length;
    out[0] = { ...out[0], raw: out[0].raw.slice(skip), start: out[0].start + skip, norm: withoutConj(out[0].norm) };
  }
  return out.length ? out : undefined;
}
