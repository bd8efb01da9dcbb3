import { describe, expect, it } from "vitest";
import { classifyPair, PAIR_LABELS } from "../../src/engine/pair.ts";

describe("classifyPair", () => {
  it("the founding example: SDF claim vs Iraqi army denial is a conflict with a negation reason", () => {
    const r = classifyPair("the SDF and the Iraqi army formed a joint border-coordination centre", "الجيش العراقي ينفي تشكيل مركز عمليات مشترك مع قسد");
    expect(r.label).toBe("conflict");
    expect(r.reasons.some((x) => x.startsWith("negation in B only") && x.includes("ينفي"))).toBe(true);
  });
  it("the founding example in Arabic on both sides", () => {
    const r = classifyPair("قسد والجيش العراقي يشكلان مركزا مشتركا لتنسيق حماية الحدود", "الجيش العراقي ينفي تشكيل مركز عمليات مشترك مع قسد");
    expect(r.label).toBe("conflict");
    expect(r.reasons.join(" ")).toContain("ينفي");
  });
  it("the same headline with one name swapped for another reads as a conflict, and the reason says which part was swapped, once", () => {
    const r = classifyPair("ارتفاع أسهم شركة أبل في بورصة نيويورك اليوم", "ارتفاع أسهم شركة تسلا في بورصة نيويورك اليوم");
    expect(r.label).toBe("conflict");
    expect(r.reasons).toContain("the same wording with one part swapped ('أبل → تسلا')");
    expect(r.reasons.filter((x) => x.includes("أبل → تسلا"))).toHaveLength(1);
  });
  it("the same words in another order read as agreement", () => {
    const r = classifyPair("وزير الخارجية السوري يزور موسكو الأسبوع المقبل", "الأسبوع المقبل يزور وزير الخارجية السوري موسكو");
    expect(r.label).toBe("agree");
    expect(r.reasons).toContain("shared words in another order");
  });
  it("unrelated claims are unrelated", () => {
    expect(classifyPair("قسد والجيش العراقي يشكلان مركزا مشتركا لتنسيق حماية الحدود", "ارتفاع أسعار الذهب في الأسواق العالمية").label).toBe("unrelated");
  });
  it("antonyms on a shared headline read as a conflict", () => {
    const r = classifyPair("ارتفاع كبير في العجز التجاري التركي", "انخفاض كبير في العجز التجاري التركي");
    expect(r.label).toBe("conflict");
    expect(r.reasons.join(" ")).toMatch(/opposites|ارتفاع|انخفاض/);
  });
  it("is symmetric and returns a probability distribution over the three labels", () => {
    const a = "Five soldiers were killed in the attack on Saturday",
      b = "Seven soldiers were killed in the attack on 28 March";
    const x = classifyPair(a, b),
      y = classifyPair(b, a);
    expect(x.label).toBe(y.label);
    expect(x.probs).toEqual(y.probs);
    expect(Object.keys(x.probs).sort()).toEqual([...PAIR_LABELS].sort());
    expect(Object.values(x.probs).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 3);
    expect(x.score).toBe(x.probs[x.label]);
    expect(x.details.map((d) => d.kind).sort()).toEqual(["date", "number"]);
    expect(x.reasons.join(" ")).toContain("numbers differ: 5 vs 7");
  });
  it("every reason quoting a word quotes a word of the texts", () => {
    const a = "الجيش العراقي ينفي تشكيل مركز عمليات مشترك مع قسد",
      b = "قسد والجيش العراقي يشكلان مركزا مشتركا";
    for (const reason of classifyPair(a, b).reasons) for (const [, w] of reason.matchAll(/'([^']+)'/g)) expect(`${a} ${b}`).toContain(w);
  });
});

describe("reasons an analyst can use", () => {
  it("never offers a function word as a reason ('to' only in A), but still a content word", async () => {
    const { isStopword } = await import("../../src/engine/text.ts");
    const pairs: Array<[string, string]> = [
      [
        "A video shows Nancy Pelosi drunkenly slurring her speech at an event in May 2019.",
        "Footage of House Speaker Pelosi was slowed down to make her appear intoxicated.",
      ],
      ["The army says it has taken the town of Tal Tamr", "The town of Tal Tamr is still held by the SDF, according to the council"],
      ["مقتل خمسة جنود في هجوم على حاجز في الحسكة", "إصابة جنود في هجوم على حاجز قرب الحسكة"],
    ];
    let onlyIn = 0;
    for (const [a, b] of pairs)
      for (const reason of classifyPair(a, b, { maxReasons: 12 }).reasons) {
        const m = /^'([^']+)' only in [AB]$/.exec(reason);
        if (!m) continue;
        onlyIn++;
        expect(isStopword(m[1].toLowerCase())).toBe(false);
      }
    expect(onlyIn).toBeGreaterThan(0); // the kind of reason still appears, for content words
  });
});

describe("models/pair.json", () => {
  it("has weights for every current dense feature (retrain with scripts/train-pair.ts when this fails)", async () => {
    const { DENSE_FEATURES } = await import("../../src/engine/pair.ts");
    const raw = (await import("../../models/pair.json", { with: { type: "json" } })).default as { dense: string[]; labels: string[] };
    expect(raw.dense).toEqual([...DENSE_FEATURES]);
    expect(raw.labels).toEqual([...PAIR_LABELS]);
  });
});
