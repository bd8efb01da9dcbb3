import { describe, expect, it } from "vitest";
import { compareEvents, eventSynonyms } from "../../src/engine/index.ts";

describe("compareEvents: one event told two ways", () => {
  const exchange12 = "إتمام صفقة تبادل محتجزين مع فصائل مسلحة في ريف حلب، أُفرج بموجبها عن 12 محتجزاً";

  it("flags a date mismatch between paraphrased Arabic accounts (recorded event dates)", () => {
    const r = compareEvents(
      { text: exchange12, eventDate: "2024-05-16" },
      { text: "عملية تبادل للأسرى جرت يوم الثلاثاء بين الحكومة السورية وفصائل المعارضة في ريف حلب الشمالي", eventDate: "2024-05-14" },
    );
    expect(r?.concepts).toEqual(expect.arrayContaining(["exchange", "detainees"]));
    expect(r?.details.map((d) => d.kind)).toEqual(["date"]);
    expect(r?.details[0].reason).toBe("dates differ: 16 May 2024 vs 14 May 2024");
  });

  it("flags counts of the same thing in different words (محتجزاً / معتقلاً)", () => {
    const r = compareEvents({ text: exchange12 }, { text: "العملية شملت الإفراج عن 45 معتقلاً من الطرفين، وجرت بإشراف الهلال الأحمر العربي السوري" });
    expect(r?.details).toEqual([expect.objectContaining({ kind: "number", a: "12", b: "45" })]);
  });

  it("works in English too", () => {
    const r = compareEvents(
      { text: "An airstrike on Maarat al-Numan killed 9 civilians on Monday" },
      { text: "Shelling of Maarat al-Numan left 14 civilians dead" },
    );
    expect(r?.details.some((d) => d.kind === "number")).toBe(true);
  });

  it("does not tie two different events, or one event with nothing that disagrees", () => {
    expect(compareEvents({ text: exchange12 }, { text: "غارة جوية على ريف حلب أسفرت عن مقتل 12 مدنياً" })).toBeUndefined();
    expect(compareEvents({ text: exchange12 }, { text: "صفقة تبادل المحتجزين في ريف حلب شملت 12 محتجزاً" })).toBeUndefined();
    expect(
      compareEvents({ text: "The ministry opened a new school in Raqqa" }, { text: "The council held talks with tribal leaders in Raqqa" }),
    ).toBeUndefined();
  });

  it("widens a search with the event's synonyms, and only for events", () => {
    expect(eventSynonyms(exchange12)).toMatch(/معتقلين/);
    expect(eventSynonyms("المركز الإعلامي لقوات سوريا الديمقراطية")).toBe("");
  });
});

describe("compareEvents: what does not make one event", () => {
  it("the same kind of event in two different places", () => {
    expect(compareEvents({ text: "An airstrike on Idlib killed 9 civilians" }, { text: "An airstrike on Aleppo killed 5 civilians" })).toBeUndefined();
  });
});

describe("compareEvents: none against a count", () => {
  it("'no families had returned' against '300 families returned', in English and Arabic", () => {
    expect(
      compareEvents({ text: "no families had returned to the town this month" }, { text: "300 families returned to Tal Abyad" })?.details[0],
    ).toMatchObject({ kind: "number", a: "none", b: "300" });
    expect(compareEvents({ text: "أي عائلة لم تعد إلى تل أبيض هذا الشهر" }, { text: "عودة 300 عائلة نازحة إلى مدينة تل أبيض" })?.details[0]).toMatchObject({
      kind: "number",
      a: "none",
      b: "300",
    });
  });
});
