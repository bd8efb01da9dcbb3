import { describe, expect, it } from "vitest";
import { negationCues, cueTokens } from "../../src/engine/cues.ts";
import { compareDetails } from "../../src/engine/details.ts";
import { findCues as findStanceCues, isVerdictCue, sentenceSpans, tokens } from "../../src/engine/stance-text.ts";
import { detectDates } from "../../src/extract/details.ts";
import { MONTHS_AR, NUMBER_WORDS_AR } from "../../src/extract/gazetteer.ts";
import { findCues as findReportingCues } from "../../src/extract/reporting.ts";
import { splitSentences } from "../../src/extract/sentences.ts";
import { tokenizeWithOffsets } from "../../src/extract/tokens.ts";
import { normalizeText } from "../../src/engine/normalize.ts";
import { MONTHS } from "../../src/lexicon/calendar.ts";
import { DENIAL_PHRASES_AR } from "../../src/lexicon/stance-cues.ts";

// The engine and the extraction assistant read months, numbers, denials and sentences from one
// place (src/lexicon/): what one of them knows, the other knows.
describe("shared lexicon (src/lexicon)", () => {
  it("every Arabic Gregorian month the engine compares, the assistant detects (e.g. Maghrebi 'ماي')", () => {
    const engineAr = MONTHS.filter((m) => m.value <= 12)
      .flatMap((m) => m.names)
      .filter((w) => /[\u0600-\u06FF]/.test(w));
    expect(new Set(MONTHS_AR)).toEqual(new Set(engineAr));
    const text = "وقع الهجوم في 15 ماي 2019 قرب الحدود.";
    expect(
      detectDates(text)
        .map((d) => d.text)
        .join(" "),
    ).toContain("ماي");
  });

  it("number words come from one list (engine values, assistant's count words)", () => {
    expect(NUMBER_WORDS_AR.has(normalizeText("ثمانون"))).toBe(true);
    expect(NUMBER_WORDS_AR.has(normalizeText("واحد"))).toBe(false); // "one of …" is not a count
    const d = compareDetails("قتل ثمانون شخصا في القصف", "قتل 30 شخصا في القصف");
    expect(d.some((c) => c.kind === "number")).toBe(true);
  });

  it("the assistant reads the writer's verdicts the stance reader knows ('عدم صحة', 'خبر كاذب')", () => {
    for (const text of ["أكدت الوزارة عدم صحة الخبر", "هذا خبر كاذب ولا أساس له"]) {
      const hits = findReportingCues(text, tokenizeWithOffsets(text));
      expect(hits.some((h) => h.hint === "denied")).toBe(true);
      const st = findStanceCues(tokens(text).cue).filter((h) => h.family === "refute");
      expect(st.length).toBeGreaterThan(0);
      expect(st.some((h) => isVerdictCue(h.cue))).toBe(true);
    }
  });

  it("every shared Arabic denial phrase is a denial for the stance reader and the assistant", () => {
    for (const phrase of DENIAL_PHRASES_AR) {
      const text = `قالت الوزارة إن ${phrase} في ما نشر عن الحادثة`;
      expect(
        findStanceCues(tokens(text).cue).some((h) => h.family === "refute"),
        phrase,
      ).toBe(true);
      expect(
        findReportingCues(text, tokenizeWithOffsets(text)).some((h) => h.hint === "denied"),
        phrase,
      ).toBe(true);
    }
  });

  it("the pair classifier's denial words include the shared verdicts ('مفبرك', 'كاذب', 'فند')", () => {
    for (const w of ["مفبرك", "كاذبة", "فندت", "baseless"]) {
      expect(
        negationCues(cueTokens(`الخبر ${w}`))
          .map((c) => c.word)
          .join(" "),
        w,
      ).toContain(normalizeText(w));
    }
  });

  it("one sentence splitter: the stance reader splits as the assistant does (؛, abbreviations, decimals)", () => {
    const text = "قال المتحدث إن النسبة بلغت 3.5 بالمئة؛ ونفى أي تغيير. The U.S. Army denied it. Dr. Smith agreed!";
    const a = sentenceSpans(text).map((s) => s.text);
    const b = splitSentences(text).map((s) => s.text);
    expect(a).toEqual(b);
    expect(a).toContain("The U.S. Army denied it.");
    expect(a.length).toBe(4);
  });
});
