/**
 * Month and weekday names, Arabic and English, shared by the engine's detail comparison
 * (src/engine/details.ts) and the extraction assistant's date detector (src/extract/).
 * Written as a reader writes them; each consumer normalises them its own way.
 *
 * Pure data: no imports.
 */

export interface MonthName {
  names: string[];
  /** 1–12 Gregorian, 101–112 Hijri. */
  value: number;
  /** Also an ordinary word ("مارس" he practised, "آب" father, "may", "صفر" zero). */
  ambiguous?: boolean;
}

export const MONTHS: MonthName[] = [
  { names: ["كانون الثاني", "يناير", "january", "jan"], value: 1 },
  { names: ["شباط", "فبراير", "february", "feb"], value: 2 },
  { names: ["آذار", "march", "mar"], value: 3 },
  { names: ["مارس"], value: 3, ambiguous: true },
  { names: ["نيسان", "أبريل", "ابريل", "إبريل", "april", "apr"], value: 4 },
  { names: ["أيار", "مايو", "ماي"], value: 5 },
  { names: ["may"], value: 5, ambiguous: true },
  { names: ["حزيران", "يونيو", "يونيه", "june", "jun"], value: 6 },
  { names: ["تموز", "يوليو", "يوليه", "july", "jul"], value: 7 },
  { names: ["أغسطس", "اغسطس", "august", "aug"], value: 8 },
  { names: ["آب"], value: 8, ambiguous: true },
  { names: ["أيلول", "سبتمبر", "september", "sep", "sept"], value: 9 },
  { names: ["تشرين الأول", "أكتوبر", "اكتوبر", "october", "oct"], value: 10 },
  { names: ["تشرين الثاني", "نوفمبر", "november", "nov"], value: 11 },
  { names: ["كانون الأول", "ديسمبر", "december", "dec"], value: 12 },
  { names: ["محرم"], value: 101 },
  { names: ["صفر"], value: 102, ambiguous: true },
  { names: ["ربيع الأول"], value: 103 },
  { names: ["ربيع الآخر", "ربيع الثاني"], value: 104 },
  { names: ["جمادى الأولى", "جمادى الأول"], value: 105 },
  { names: ["جمادى الآخرة", "جمادى الثانية"], value: 106 },
  { names: ["رجب"], value: 107 },
  { names: ["شعبان"], value: 108 },
  { names: ["رمضان", "ramadan"], value: 109 },
  { names: ["شوال", "shawwal"], value: 110 },
  { names: ["ذو القعدة", "ذي القعدة"], value: 111 },
  { names: ["ذو الحجة", "ذي الحجة"], value: 112 },
];

export const MONTH_NAMES_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const HIJRI_NAMES_EN = [
  "Muharram",
  "Safar",
  "Rabi al-Awwal",
  "Rabi al-Thani",
  "Jumada al-Ula",
  "Jumada al-Akhira",
  "Rajab",
  "Shaaban",
  "Ramadan",
  "Shawwal",
  "Dhu al-Qada",
  "Dhu al-Hijja",
];

const ARABIC = /[\u0600-\u06FF]/;

/** Arabic Gregorian month names (Levantine and Egyptian/Gulf forms), longest first. */
export const MONTH_NAMES_AR_GREGORIAN: string[] = MONTHS.filter((m) => m.value <= 12)
  .flatMap((m) => m.names)
  .filter((w) => ARABIC.test(w))
  .sort((a, b) => b.length - a.length);

/** Weekdays, Sunday first. */
export const WEEKDAY_NAMES_AR = ["الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];
/** Value (0 = Sunday) of each entry of WEEKDAY_NAMES_AR. */
export const WEEKDAY_VALUES_AR = [0, 1, 1, 2, 3, 4, 5, 6];
export const WEEKDAY_NAMES_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
