/** The review page's highlight segments: plain data for the template to escape, whatever the quotes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { itemsFromForm, formErrors } from "../../src/http/ingest-form.ts";
import { FOLD_MIN_CHARS, focusedText, highlightSegments } from "../../src/presenters/review.ts";

describe("highlightSegments", () => {
  it("when quotes overlap or nest, then the pieces rejoin to the text, each quote is anchored once, and covered pieces list every quote", () => {
    const text = "قال الجيش إن القوات لم تعبر الحدود";
    const segs = highlightSegments(text, [
      { n: 0, start: 4, end: 20 },
      { n: 1, start: 10, end: text.length },
      { n: 2, start: 12, end: 15 },
      { n: 3, start: 30, end: 999 }, // outside the text: ignored
      { n: 4, start: 10, end: 12 }, // starts with 1: both anchored
    ]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
    expect(segs.filter((s) => s.id).map((s) => s.id)).toEqual(["q-0", "q-1", "q-4", "q-2"]);
    const inner = segs.find((s) => s.id === "q-2")!;
    expect(inner.classes.split(" ").sort()).toEqual(["q-0", "q-1", "q-2"]);
    expect(segs[0]).toMatchObject({ text: "قال ", marked: false });
  });

  it("for any text and spans, the pieces rejoin to the text exactly", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.tuple(fc.nat(70), fc.nat(70)), { maxLength: 6 }), (text, spans) => {
        const quotes = spans.map(([a, b], n) => ({ n, start: Math.min(a, b), end: Math.max(a, b) }));
        const segs = highlightSegments(text, quotes);
        expect(segs.map((s) => s.text).join("")).toBe(text);
        const ids = segs.filter((s) => s.id).map((s) => s.id);
        expect(new Set(ids).size).toBe(ids.length);
        const valid = quotes.filter((q) => q.end > q.start && q.end <= text.length);
        expect(new Set(ids)).toEqual(new Set(valid.map((q) => `q-${q.n}`)));
      }),
    );
  });
});

describe("focusedText", () => {
  const para = (k: number) => `الفقرة ${k}: ${"قال المتحدث إن الوضع هادئ على الحدود. ".repeat(8)}`;
  const text = Array.from({ length: 12 }, (_, k) => para(k)).join("\n\n");
  const at = (k: number) => text.indexOf(`الفقرة ${k}:`);
  const join = (f: ReturnType<typeof focusedText>) =>
    [f.before?.segments ?? [], f.focus, f.after?.segments ?? []]
      .flat()
      .map((s) => s.text)
      .join("");

  it("when a page's quotes are far down a long text, then the text opens at their paragraphs and the rest is folded, nothing cut", () => {
    const f = focusedText(text, [
      { n: 14, start: at(7) + 12, end: at(7) + 40 },
      { n: 15, start: at(8) + 12, end: at(8) + 30 },
    ]);
    expect(f.before?.chars).toBe(at(7));
    expect(f.focus.map((s) => s.text).join("")).toBe(text.slice(at(7), at(8) + para(8).length));
    expect(f.focus.filter((s) => s.id).map((s) => s.id)).toEqual(["q-14", "q-15"]);
    expect(f.after?.chars).toBe(text.length - at(8) - para(8).length);
    expect(join(f)).toBe(text);
  });

  it("when the text around the quotes is short, or there are no quotes, then nothing is folded", () => {
    const near = focusedText(text, [{ n: 0, start: at(0) + 12, end: at(0) + 30 }]);
    expect(near.before).toBeNull();
    expect(near.after).not.toBeNull();
    const short = "قال الجيش إن القوات لم تعبر الحدود";
    expect(focusedText(short, [{ n: 0, start: 4, end: 9 }])).toMatchObject({ before: null, after: null });
    expect(focusedText(text, [])).toMatchObject({ before: null, after: null });
    expect(at(1)).toBeLessThan(FOLD_MIN_CHARS * 2);
  });

  it("for any text and spans, the three parts rejoin to the text exactly and every valid quote is anchored once", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3000, unit: fc.constantFrom("a", " ", "\n", "ق", ".") }),
        fc.array(fc.tuple(fc.nat(3100), fc.nat(3100)), { maxLength: 5 }),
        (t, spans) => {
          const quotes = spans.map(([a, b], n) => ({ n, start: Math.min(a, b), end: Math.max(a, b) }));
          const f = focusedText(t, quotes);
          expect(join(f)).toBe(t);
          const ids = f.focus.filter((s) => s.id).map((s) => s.id);
          const valid = quotes.filter((q) => q.end > q.start && q.end <= t.length);
          expect(new Set(ids)).toEqual(new Set(valid.map((q) => `q-${q.n}`)));
        },
      ),
    );
  });
});

describe("review form fields", () => {
  it("when flat fields are posted, then they become items in page order, and item errors map back to the field names", () => {
    const shaped = itemsFromForm({
      _csrf: "t",
      i10_decision: "merge",
      i10_mergeInto: "s2",
      i10_mergeClaim: "",
      i2_decision: "accept",
      i2_speakerId: "5",
      i2_speakerName: "ignored",
      extra: "x",
    });
    expect(shaped).toEqual({
      extra: "x",
      items: [
        { index: 2, decision: "accept", speakerId: "5" },
        { index: 10, decision: "merge", mergeInto: "s2" },
      ],
    });
    expect(
      formErrors({ "items.1.mergeInto": "Choose.", "items.0": "Bad item.", _form: "Unknown field(s): extra." }, shaped.items as { index: number }[]),
    ).toEqual({
      i10_mergeInto: "Choose.",
      i2_decision: "Bad item.",
      _form: "Unknown field(s): extra.",
    });
  });
});
