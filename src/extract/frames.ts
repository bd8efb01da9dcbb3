/**
 * All frames of one sentence: cues → frames, each read by the Arabic or English reader, then
 * relays resolved (a frame inside another frame's content makes the outer one a relay) and
 * content ranges closed at the next sequential frame.
 */
import { type CueMatch, findCues } from "./reporting.ts";
import type { Tok } from "./tokens.ts";
import type { SpeakerContext } from "./speakers.ts";
import { type Frame, clauseInitial, firstWordIdx, prevTok } from "./frame-common.ts";
import { parseArabicFrame } from "./frames-ar.ts";
import { parseEnglishFrame } from "./frames-en.ts";

export const FRAME_KINDS = new Set(["verb", "participle", "masdar", "prep", "author"]);

export function buildFrames(text: string, toks: Tok[], ctx: SpeakerContext, headline: boolean): Frame[] {
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
