import { describe, expect, it } from "vitest";
import { findCues } from "../../src/extract/reporting.ts";
import { tokenizeWithOffsets } from "../../src/extract/tokens.ts";

function cues(text: string) {
  return findCues(text, tokenizeWithOffsets(text)).map((c) => ({ text: c.text, hint: c.hint, kind: c.kind }));
}

describe("reporting cue lexicon", () => {
  it.each([
    ["وقالت المصادر", "وقالت", "asserted"],
    ["أفادت مصادر", "أفادت", "asserted"],
    ["وأضافت الوزارة", "وأضافت", "asserted"],
    ["وتابعت المصادر", "وتابعت", "asserted"],
    ["وختمت المصادر", "وختمت", "asserted"],
    ["أعلنت الحكومة", "أعلنت", "asserted"],
    ["أكدت الوزارة", "أكدت", "asserted"],
    ["أشار المتحدث", "أشار", "asserted"],
    ["صرح الوزير", "صرح", "asserted"],
    ["أوضح البيان", "أوضح", "asserted"],
    ["كشف مصدر", "كشف", "asserted"],
    ["ذكرت الوكالة", "ذكرت", "asserted"],
    ["نشرت الصحيفة", "نشرت", "asserted"],
    ["نفى الجيش", "نفى", "denied"],
    ["نفت الوزارة", "نفت", "denied"],
    ["والعراق ينفي", "ينفي", "denied"],
    ["بحسب المرصد", "بحسب", "unverified"],
    ["وفق مصادر", "وفق", "unverified"],
    ["زعمت الصفحة", "زعمت", "unverified"],
    ["الخبر لا أساس له", "لا أساس له", "denied"],
    ["الأنباء عارية عن الصحة", "عارية عن الصحة", "denied"],
  ])("Arabic %s → %s (%s)", (text, cue, hint) => {
    expect(cues(text)).toContainEqual(expect.objectContaining({ text: cue, hint }));
  });

  it("reads diacritics and hamza variants: مؤكداً، موضحاً، نفياً، نقلاً عن، لا صحة", () => {
    const c = cues("مؤكداً أن، موضحاً أن، نفياً من الجيش، نقلاً عن مصدر، لا صحة لذلك");
    expect(c).toEqual([
      { text: "مؤكداً", hint: "asserted", kind: "participle" },
      { text: "موضحاً", hint: "asserted", kind: "participle" },
      { text: "نفياً", hint: "denied", kind: "masdar" },
      { text: "نقلاً عن", hint: "unverified", kind: "prep" },
      { text: "لا صحة", hint: "denied", kind: "negation" },
    ]);
  });

  it.each([
    ["The army said", "said", "asserted"],
    ["he told Reuters", "told", "asserted"],
    ["the ministry announced", "announced", "asserted"],
    ["officials confirmed", "confirmed", "asserted"],
    ["he added", "added", "asserted"],
    ["Iraq denied", "denied", "denied"],
    ["Baghdad rejected", "rejected", "denied"],
    ["the army refuted", "refuted", "denied"],
    ["according to witnesses", "according to", "unverified"],
    ["the agency reported", "reported", "unverified"],
    ["the group claimed", "claimed", "unverified"],
    ["fighters reportedly moved", "reportedly", "unverified"],
    ["there is no truth in it", "no truth", "denied"],
  ])("English %s → %s (%s)", (text, cue, hint) => {
    expect(cues(text)).toContainEqual(expect.objectContaining({ text: cue, hint }));
  });

  it("gives exact offsets of the cue in the input", () => {
    const t = "وحضر الاجتماع بحسب المركز.";
    const [c] = findCues(t, tokenizeWithOffsets(t));
    expect(t.slice(c.start, c.end)).toBe("بحسب");
  });

  it("does not take the article form التابع (affiliated) for the verb تابع", () => {
    expect(cues("المركز الإعلامي التابع لقسد")).toEqual([]);
  });
});
