/**
 * Reading an English frame: "X said (that) …", "“…,” X told Reuters", "…, said X", "Name, a
 * spokesman for X, said …", "according to X", passives ("was said to") and participles.
 */
import type { CueMatch } from "./reporting.ts";
import type { Tok } from "./tokens.ts";
import { type SpeakerContext, makeSpeaker, outletSpeaker, parseEnglishLeftNP, parseEnglishRightNP } from "./speakers.ts";
import { type Frame, firstWordIdx, looksLikeSource } from "./frame-common.ts";

export const EN_SKIP_AFTER_VERB = new Set([
  "on",
  "late",
  "early",
  "earlier",
  "later",
  "yesterday",
  "today",
  "in",
  "a",
  "an",
  "statement",
  "interview",
  "post",
  "briefing",
  "to",
  "reporters",
  "journalists",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "night",
  "morning",
  "evening",
  "afternoon",
  "also",
  "again",
  "publicly",
  "flatly",
  "firmly",
  "strongly",
  "categorically",
  "any",
  "reports",
  "claims",
  "allegations",
  "suggestions",
  "rumours",
  "rumors",
]);

export function parseEnglishFrame(
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
    if (commas.length >= 2 && seg0.length >= 1 && seg0.length <= 9 && toks[start].kind === "word" && toks[start].cap && rest >= 2) {
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
  // ("said that …" opens content; it never names the speaker)
  if (r.b > r.a && v > firstWordIdx(toks) && endsClause && r.b - r.a <= 8 && toks[r.a]?.norm !== "that") {
    f.speaker = makeSpeaker(text, toks.slice(r.a, r.b), "en", ctx);
    f.cs = firstWordIdx(toks);
    f.ce = v;
    return;
  }
  f.dropped = true;
}

export const EN_SUBJ_STOP = new Set(["that", "and", "but", "which", "who", "while", "as", "because", "although"]);

export function skipAfterVerb(toks: Tok[], i: number, c: CueMatch): number {
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
