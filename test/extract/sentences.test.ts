import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/extract/sentences.ts";

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe("splitSentences", () => {
  it("splits Arabic on . ؟ ! ؛ … and line breaks, with offsets into the original", () => {
    const t = "أعلن الجيش النبأ. هل هذا صحيح؟ نعم! ثم سكت؛ وانتهى… \nسطر جديد بلا نقطة";
    const s = splitSentences(t);
    expect(s.map((x) => x.text)).toEqual(["أعلن الجيش النبأ.", "هل هذا صحيح؟", "نعم!", "ثم سكت؛", "وانتهى…", "سطر جديد بلا نقطة"]);
    for (const x of s) expect(t.slice(x.start, x.end)).toBe(x.text);
  });

  it("does not split inside a quotation, in either quote style", () => {
    expect(texts("وقال المتحدث: «وصلنا. ثم عدنا». وانتهى اللقاء.")).toEqual(["وقال المتحدث: «وصلنا. ثم عدنا».", "وانتهى اللقاء."]);
    expect(texts("وأكدت المصادر أن “الاجتماع انتهى. والقوات عادت”. وختم حديثه.")).toEqual(["وأكدت المصادر أن “الاجتماع انتهى. والقوات عادت”.", "وختم حديثه."]);
  });

  it("ends a sentence after a closing quote that follows a terminator", () => {
    expect(texts('He said "We will go. Now." Then he left.')).toEqual(['He said "We will go. Now."', "Then he left."]);
  });

  it("does not split on decimals, abbreviations or Arabic one-letter abbreviations", () => {
    expect(texts("The U.S. army paid 3.5 million, Dr. Smith said. قال أ. محمد إن النسبة 2.5 بالمئة. Done.")).toEqual([
      "The U.S. army paid 3.5 million, Dr. Smith said.",
      "قال أ. محمد إن النسبة 2.5 بالمئة.",
      "Done.",
    ]);
  });

  it("treats '...' and '..' as one terminator, and not before a lower-case continuation", () => {
    expect(texts("Wait... what? الحدود .. والعراق ينفي!")).toEqual(["Wait... what?", "الحدود ..", "والعراق ينفي!"]);
    expect(texts("It was... fine.")).toEqual(["It was... fine."]);
  });

  it("falls back to ignoring quotes when a paragraph leaves one unclosed", () => {
    expect(texts("قال إن “الأمر انتهى. ثم عاد. وانتهى")).toEqual(["قال إن “الأمر انتهى.", "ثم عاد.", "وانتهى"]);
  });

  it("on the seed reports: every sentence slices back exactly and quotes stay whole", () => {
    const t = readFileSync(new URL("../fixtures/extract/000_c05d65dbb0b1fda2.txt", import.meta.url), "utf8");
    const s = splitSentences(t);
    for (const x of s) expect(t.slice(x.start, x.end)).toBe(x.text);
    const closing = s.find((x) => x.text.startsWith("وختمت المصادر"));
    expect(closing?.text.endsWith("الذي يستقر به”.")).toBe(true);
    expect(s.length).toBe(15);
  });

  it("property: for any text, offsets slice back to the sentence, in order, without overlap", () => {
    const alphabet = fc.constantFrom(...'ab قال.؟!؛…“”«»"\n 3U.S'.split(""));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }).map((a) => a.join("")),
        (t) => {
          let last = 0;
          for (const x of splitSentences(t)) {
            if (t.slice(x.start, x.end) !== x.text) return false;
            if (x.start < last || x.end <= x.start) return false;
            if (x.text !== x.text.trim()) return false;
            last = x.end;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
