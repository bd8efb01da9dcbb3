import { describe, expect, it } from "vitest";
import { foldDigits, hasArabic, keyTokens, normalizeText, searchKey, stripArabicClitics, tokenize } from "../../src/engine/normalize.ts";
import { contentTerms, joinSegmented, stem } from "../../src/engine/text.ts";

describe("normalizeText", () => {
  it("folds alef variants أ إ آ ٱ to ا", () => {
    expect(normalizeText("أحمد إبراهيم آمن ٱلله")).toBe("احمد ابراهيم امن الله");
  });
  it("folds ى→ي and ة→ه", () => {
    expect(normalizeText("مستشفى")).toBe(normalizeText("مستشفي"));
    expect(normalizeText("مدرسة")).toBe("مدرسه");
  });
  it("strips tashkeel and tatweel", () => {
    expect(normalizeText("العَرَبِيَّةُ")).toBe(normalizeText("العربية"));
    expect(normalizeText("الجيـــش")).toBe("الجيش");
  });
  it("folds presentation forms via NFKC (ﻻ ligature, isolated forms)", () => {
    expect(normalizeText("\uFEFB")).toBe("لا");
    expect(normalizeText("\uFE8D\uFEDF\uFEA0\uFEF4\uFEB8")).toBe("الجيش");
  });
  it("converts Arabic-Indic and Persian digits", () => {
    expect(foldDigits("١٩٩١ و ۲۰۲۰")).toBe("1991 و 2020");
    expect(normalizeText("٥ جنود")).toBe("5 جنود");
  });
  it("strips bidi controls and lower-cases Latin", () => {
    expect(normalizeText("\u202BSDF\u202C")).toBe("sdf");
  });
  it("hasArabic", () => {
    expect(hasArabic("قسد")).toBe(true);
    expect(hasArabic("SDF")).toBe(false);
  });
});

describe("clitics and key tokens", () => {
  it("strips ال and one-letter proclitics but keeps short roots", () => {
    expect(stripArabicClitics("والجيش")).toBe("جيش");
    expect(stripArabicClitics("للحدود")).toBe("حدود");
    expect(stripArabicClitics("بالعراق")).toBe("عراق");
    expect(stripArabicClitics("ولد")).toBe("ولد");
    expect(stripArabicClitics("SDF")).toBe("SDF");
  });
  it("keeps a leading ف that is the word's own letter, and reads a word the same with and without و", () => {
    const key = (w: string) => stripArabicClitics(normalizeText(w));
    expect(key("فصائل")).toBe("فصايل");
    expect(key("وفصائل")).toBe(key("فصائل"));
    expect(key("فلسطين")).toBe("فلسطين");
    expect(key("وفلسطين")).toBe("فلسطين");
    // ف is still a clitic before the article or a particle / reporting verb
    expect(key("فالجيش")).toBe("جيش");
    expect(key("فقال")).toBe("قال");
    // a root-initial و / ل / ب stays; a clitic before it goes
    expect(key("وزير")).toBe("وزير");
    expect(key("ووزير")).toBe("وزير");
    expect(key("للبنان")).toBe(key("لبنان"));
    expect(key("وبغداد")).toBe("بغداد");
    // for every word: و + word keys as the word
    for (const w of ["فصائل", "فرنسا", "الجيش", "بالحسكة", "للحدود", "كتائب", "معتقلين", "فترة", "لجنة", "وعود"]) expect(key(`و${w}`)).toBe(key(w));
  });
  it("keyTokens / searchKey agree across spelling variants", () => {
    expect(keyTokens("وَالجَيْشُ العِرَاقِيُّ")).toEqual(keyTokens("والجيش العراقي"));
    expect(searchKey("الجيش العراقي")).toBe(" جيش عراقي ");
    expect(tokenize("a-b c")).toEqual(["a", "b", "c"]);
  });
  it("repairs clitic-segmented text (ArbTEDS style, with and without +)", () => {
    expect(joinSegmented("موظفي ها و دعت إلى إطلاق سراح هم")).toBe("موظفيها ودعت إلى إطلاق سراحهم");
    expect(joinSegmented("و+ الجيش ب+ المدينة أنصار +ه")).toBe("والجيش بالمدينة أنصاره");
    expect(joinSegmented("the SDF and ISIS")).toBe("the SDF and ISIS");
  });
  it("stems Arabic and English lightly and consistently", () => {
    expect(stem("عراقيه")).toBe(stem("عراقي"));
    expect(stem("forces")).toBe(stem("force"));
    expect(contentTerms("The forces were killed")).toEqual(["forc", "kill"]);
  });
});
