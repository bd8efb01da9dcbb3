import { describe, expect, it } from "vitest";
import { findSourceVariant, partOf, sameSourceName, type KnownName } from "../../src/extract/source-variants.ts";

const same = (a: string, b: string, persons = false) => sameSourceName(a, b, { persons })?.rule ?? null;

describe("sameSourceName: Arabic", () => {
  it.each([
    ["المركز الإعلامي لقسد", "المركز الإعلامي لقوات سوريا الديمقراطية", "same part"],
    ["المركز الاعلامي لـ«قسد»", "المركز الإعلامي لقوات سوريا الديمقراطية", "same part"],
    ["المركز الإعلامي التابع لقسد", "المركز الإعلامي لقوات سوريا الديمقراطية", "same part"],
    ["المتحدث باسم قسد", "المتحدث باسم قوات سوريا الديمقراطية", "same part"],
    ["قسد", "قوات سوريا الديمقراطية", "known alias"],
    ["قسد", "قوات سورية الديموقراطية", "acronym"],
    ["الجيش العراقى", "الجيش العراقي", "spelling"],
    ["والجيش العراقي", "الجيش العراقي", "spelling"],
    ["بقسد", "قسد", "spelling"],
    ["قسـد", "قَسَد", "spelling"],
    ["وزارة الدفاع السورية", "وزارة الدفاع السوريه", "spelling"],
    ["قوات سوريا الديمقراطية المدعومة أمريكياً", "قسد", "description"],
    ["قوات سوريا الديمقراطية (قسد)", "قوات سوريا الديمقراطية", "spelling"],
  ])("«%s» is «%s» (%s)", (a, b, rule) => {
    expect(same(a, b)).toBe(rule);
    expect(same(b, a)).toBe(rule);
  });

  it.each([
    // a part is not its whole
    ["قوات سوريا الديمقراطية", "المركز الإعلامي لقوات سوريا الديمقراطية"],
    ["قسد", "المركز الإعلامي لقسد"],
    ["الجيش العراقي", "الناطق باسم الجيش العراقي"],
    // a different body, or the same kind of body of another state
    ["الجيش العراقي", "الجيش السوري"],
    ["وزارة الدفاع العراقية", "وزارة الدفاع"],
    ["المركز الإعلامي لقسد", "المركز الإعلامي للجيش العراقي"],
    ["مصادر خاصة", "مصادر محلية"],
    ["وكالة الأنباء السورية", "وكالة سانا"],
  ])("«%s» is not «%s»", (a, b) => {
    expect(same(a, b)).toBeNull();
    expect(same(b, a)).toBeNull();
  });

  it("a media centre is a part of its parent, not the parent", () => {
    expect(partOf("المركز الإعلامي لقوات سوريا الديمقراطية", "قسد")).toBe(true);
    expect(partOf("قسد", "المركز الإعلامي لقوات سوريا الديمقراطية")).toBe(false);
  });
});

describe("sameSourceName: English", () => {
  it.each([
    ["SDF", "Syrian Democratic Forces", "known alias"],
    ["SDF", "قوات سوريا الديمقراطية", "known alias"],
    ["The Syrian Democratic Forces", "syrian democratic forces", "spelling"],
    ["the SDF's media centre", "SDF media center", "spelling"],
    ["SDF media centre", "media center of the SDF", "same part"],
    ["Media office of the Syrian Democratic Forces", "SDF media office", "same part"],
    ["the US-backed Syrian Democratic Forces", "SDF", "description"],
    ["JOC", "Joint Operations Command", "acronym"],
    ["Syrian Observatory for Human Rights", "SOHR", "known alias"],
  ])("%s is %s (%s)", (a, b, rule) => {
    expect(same(a, b)).toBe(rule);
    expect(same(b, a)).toBe(rule);
  });

  it.each([
    ["SDF", "SDF media centre"],
    ["Syrian Democratic Forces", "the spokesman of the Syrian Democratic Forces"],
    ["Iraqi army", "Syrian army"],
    ["Interior Ministry", "Defence Ministry"],
    ["SNA", "Syrian Democratic Forces"],
  ])("%s is not %s", (a, b) => {
    expect(same(a, b)).toBeNull();
    expect(same(b, a)).toBeNull();
  });
});

describe("sameSourceName: persons (only when asked, only when close)", () => {
  it.each([
    ["Mustafa Bali", "Mostafa Bali"],
    ["Mohammed Salih", "Muhammad Saleh"],
    ["Mazloum Abdi", "Mazlum Abdi"],
    ["Jia Kobani", "Jia Kobane"],
    ["عبد الحسين", "عبدالحسين"],
    ["مصطفى بالي", "مصطفي بالى"],
    ["حسن قامشلو", "حسن قامشلوا"],
  ])("%s = %s", (a, b) => {
    expect(same(a, b, true)).not.toBeNull();
  });

  it.each([
    ["Mustafa Bali", "Mustafa Ali"],
    ["Hassan Ali", "Hussein Ali"],
    ["Ali Saleh", "Ali Salem"],
    ["Ahmed Hassan", "Ahmed Hassan Ali"],
    ["حسن قامشلو", "حسين قامشلو"],
    ["محمد صالح", "محمود صالح"],
    ["Mustafa", "Mostafa"],
  ])("%s ≠ %s", (a, b) => {
    expect(same(a, b, true)).toBeNull();
  });

  it("a fuzzy person match is never made unless persons are compared", () => {
    expect(same("Mustafa Bali", "Mostafa Bali")).toBeNull();
  });
});

describe("findSourceVariant", () => {
  const known: KnownName[] = [
    {
      id: 1,
      name: "المركز الإعلامي لقوات سوريا الديمقراطية",
      aliases: ["المركز الإعلامي التابع لقوات سوريا الديمقراطية المعروفة اختصاراً قسد"],
      kind: "official_body",
    },
    { id: 2, name: "الجيش العراقي", aliases: [], kind: "official_body" },
    { id: 3, name: "Mustafa Bali", aliases: ["مصطفى بالي"], kind: "person" },
    { id: 4, name: "قوات سوريا الديمقراطية", aliases: [], kind: "armed_group" },
  ];

  it("proposes the known source a new name is a variant of, saying which name it matched and why", () => {
    const v = findSourceVariant(["المركز الإعلامي لقسد"], known);
    expect(v).toMatchObject({ source: { id: 1 }, matched: "المركز الإعلامي لقوات سوريا الديمقراطية", variant: "المركز الإعلامي لقسد", rule: "same part" });
    expect(v?.reason).toMatch(/SDF/);
    expect(findSourceVariant(["قسد"], known)?.source.id).toBe(4);
    expect(findSourceVariant(["SDF media center"], known)).toBeUndefined();
  });

  it("compares persons only with person sources, and with no source when the kind is not a person", () => {
    expect(findSourceVariant(["Mostafa Bali"], known, { kind: "person" })?.source.id).toBe(3);
    expect(findSourceVariant(["Mostafa Bali"], known, { kind: "official_body" })).toBeUndefined();
  });

  it("finds a source that shares no word with the new name (another language, the acronym, a transliteration)", () => {
    const list: KnownName[] = [
      { id: 10, name: "SDF", aliases: [], kind: "armed_group" },
      { id: 11, name: "Mohammed Salih", aliases: [], kind: "person" },
      { id: 12, name: "Joint Operations Command", aliases: [], kind: "official_body" },
    ];
    expect(findSourceVariant(["the US-backed Syrian Democratic Forces"], list)?.source.id).toBe(10);
    expect(findSourceVariant(["قوات سوريا الديمقراطية المدعومة أمريكياً"], list)?.source.id).toBe(10);
    expect(findSourceVariant(["Muhammad Saleh"], list, { kind: "person" })?.source.id).toBe(11);
    expect(findSourceVariant(["JOC"], list)?.source.id).toBe(12);
    expect(findSourceVariant(["Mahmoud Salih"], list, { kind: "person" })).toBeUndefined();
  });

  it("gives no answer when two sources match equally well", () => {
    const twice = [...known, { id: 5, name: "قسد", aliases: [], kind: "armed_group" }];
    expect(findSourceVariant(["Syrian Democratic Forces"], twice)).toBeUndefined();
  });
});
