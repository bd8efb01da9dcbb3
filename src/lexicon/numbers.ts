/**
 * Number words (Arabic and English) with their values, and multipliers, shared by the engine's
 * detail comparison and the extraction assistant's number detector.
 *
 * Pure data: no imports.
 */

/** [word, value]: cardinals as written. */
export const NUMBER_WORDS: Array<[string, number]> = [];
function nums(words: string, start: number, step = 1) {
  words.split(/\s+/).forEach((w, i) => NUMBER_WORDS.push([w, start + i * step]));
}
nums("واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة", 1);
nums("واحدة اثنتان ثلاث أربع خمس ست سبع ثماني تسع عشر", 1);
nums("اثنين اثنتين", 2, 0);
nums("عشرون ثلاثون أربعون خمسون ستون سبعون ثمانون تسعون", 20, 10);
nums("عشرين ثلاثين أربعين خمسين ستين سبعين ثمانين تسعين", 20, 10);
nums("مئة مائة", 100, 0);
nums("مئتان مئتين مائتان مائتين", 200, 0);
nums("ألف", 1000);
nums("ألفان ألفين", 2000, 0);
nums("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 1);
nums("twenty thirty forty fifty sixty seventy eighty ninety", 20, 10);
nums("hundred", 100);
nums("thousand", 1000);
nums("dozen", 12);

/** Words that scale the number before them ("ثلاثة آلاف", "5 million"). */
export const MULTIPLIER_WORDS: Array<[string, number]> = [
  ...["الف", "الاف", "آلاف", "thousand", "thousands"].map((w) => [w, 1e3] as [string, number]),
  ...["مليون", "ملايين", "million", "millions", "m"].map((w) => [w, 1e6] as [string, number]),
  ...["مليار", "مليارات", "billion", "billions", "bn"].map((w) => [w, 1e9] as [string, number]),
];

/** Vague quantities (no single value): "مئات", "عشرات", "dozens", "hundreds". */
export const QUANTITY_WORDS = ["مئات", "عشرات", "ألفا", "hundreds", "thousands", "dozens", "millions"];

const ARABIC = /[\u0600-\u06FF]/;
/**
 * Every Arabic / English word that states a count of two or more (cardinals, multipliers, vague
 * quantities). "one" / "واحد" are left out: "one of the …" is not a number an analyst compares.
 */
const COUNTS = [...NUMBER_WORDS.filter(([, v]) => v >= 2).map(([w]) => w), ...MULTIPLIER_WORDS.map(([w]) => w), ...QUANTITY_WORDS];
export const COUNT_WORDS_AR: string[] = COUNTS.filter((w) => ARABIC.test(w));
export const COUNT_WORDS_EN: string[] = COUNTS.filter((w) => !ARABIC.test(w) && w.length > 2);
