import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractSuggestions } from "../../src/extract/extract.ts";

// Fragments that exercise every code path: cues, quotes of every style, complementizers,
// speakers, anonymous sources, headline punctuation, English frames.
const PIECES = [
  "قال",
  "وأضاف",
  "وأضافت",
  "نفى",
  "نفياً من",
  "بحسب",
  "وفق",
  "نقلاً عن",
  "“",
  "”",
  "«",
  "»",
  '"',
  "أن",
  "إن",
  "أنه",
  " ",
  "\n",
  "\n\n",
  ".",
  "،",
  ":",
  "مصادر",
  "خاصة",
  "المصادر",
  "لـ",
  "الجيش",
  "العراقي",
  "said",
  "denied",
  "according to",
  "The",
  "army",
  "that",
  "He",
  "told",
  "..",
  "…",
  "!",
  "؟",
  "موضحاً",
  "يذكر أن",
  "قد تكون",
  "لا صحة",
  "عن",
  "(",
  ")",
  "Reuters",
  "sources",
  "2024",
  "28",
  "آذار",
  "الخميس",
  "رميلان",
  "مصطفى",
  "بالي",
  "رئيس",
  "وهما",
  "و",
  "ينفي",
  "منطقة",
  "U.S.",
  "Dr.",
  "3.5",
  "متابعة – فلان – قناة",
];

describe("extractSuggestions on arbitrary input", () => {
  it("never throws, and every quote / cue / sentence offset slices back exactly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(" ")),
        (t) => {
          const r = extractSuggestions({ text: t, knownSources: [{ id: 1, name: "الجيش العراقي", aliases: ["army"], kind: "official_body" }] });
          for (const s of r.sentences) expect(t.slice(s.start, s.end)).toBe(s.text);
          for (const s of r.suggestions) {
            expect(t.slice(s.quote.start, s.quote.end)).toBe(s.quote.text);
            expect(t.slice(s.cue.start, s.cue.end)).toBe(s.cue.text);
            expect(s.claimText.length).toBeGreaterThan(0);
            expect(["asserted", "denied", "unverified"]).toContain(s.stance);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("handles empty and whitespace-only text", () => {
    expect(extractSuggestions({ text: "" }).suggestions).toEqual([]);
    expect(extractSuggestions({ text: " \n\n " }).sentences).toEqual([]);
  });
});
