import { describe, expect, it } from "vitest";
import { compareDetails } from "../../src/engine/details.ts";

const kinds = (a: string, b: string) => compareDetails(a, b).map((d) => d.kind);

describe("compareDetails", () => {
  it("Saturday vs 28 March (Arabic, relative weekday vs Levantine month)", () => {
    const d = compareDetails("اجتمع الطرفان يوم السبت الماضي في الحسكة", "اجتمع الطرفان في 28 آذار في الحسكة");
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ kind: "date", a: "last Saturday", b: "28 March" });
    expect(d[0].reason).toBe("dates differ: last Saturday vs 28 March");
  });
  it("Saturday vs 28 March in English; consistent when the calendar agrees", () => {
    expect(compareDetails("held on Saturday", "held on 28 March")[0].reason).toBe("dates differ: Saturday vs 28 March");
    expect(kinds("Saturday 28 March 2020", "on 28/3/2020")).toEqual([]);
    expect(kinds("Sunday", "on 28 March 2020")).toEqual(["date"]); // 28 March 2020 was a Saturday
  });
  it("Egyptian and Levantine month names are the same month", () => {
    expect(kinds("في 5 مارس", "في 5 آذار")).toEqual([]);
    expect(kinds("في 5 أبريل", "في 5 نيسان")).toEqual([]);
    expect(kinds("في 5 أبريل", "في 6 نيسان")).toEqual(["date"]);
  });
  it("Hijri months", () => {
    expect(compareDetails("في رمضان", "في شوال")[0].reason).toBe("dates differ: Ramadan vs Shawwal");
  });
  it("5 vs 7 with digits, Arabic-Indic digits and number words", () => {
    expect(compareDetails("مقتل 5 جنود", "مقتل سبعة جنود")[0].reason).toBe("numbers differ: 5 vs 7");
    expect(compareDetails("killed 5 soldiers", "killed seven soldiers")[0].reason).toBe("numbers differ: 5 vs 7");
    expect(kinds("مقتل ٥ جنود", "مقتل خمسة جنود")).toEqual([]);
    expect(kinds("منذ 1991", "منذ ١٩٩١")).toEqual([]);
  });
  it("ignores 'مارس' the verb (he practised) without a day or year", () => {
    expect(kinds("مارس الجيش ضغوطا", "في 5 أبريل")).toEqual([]);
  });
  it("times, places and participants", () => {
    expect(compareDetails("من الساعة الثانية ظهرا", "من الساعة 10 صباحا")[0].reason).toBe("times differ: 14:00 vs 10:00");
    expect(compareDetails("هجوم في الرقة", "هجوم في دير الزور")[0].reason).toBe("places differ: Raqqa vs Deir ez-Zor");
    expect(compareDetails("قسد والجيش العراقي يشكلان مركزا", "قسد والتحالف الدولي يشكلان مركزا")[0].reason).toBe(
      "participants differ: Iraqi army vs international coalition",
    );
    expect(kinds("هجوم في دير الزور بسوريا", "هجوم في دير الزور")).toEqual([]);
  });
});
