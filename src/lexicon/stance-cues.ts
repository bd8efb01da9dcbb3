/**
 * The denial, rumour-debunk and hedge vocabulary (Arabic and English) shared by the engine's
 * stance reader (src/engine/stance-text.ts), the pair classifier's polarity cues
 * (src/engine/cues.ts) and the extraction assistant's reporting cues (src/extract/reporting.ts).
 *
 * Entries are written as a reader writes them (hamza, ta marbuta, tanween as they come); every
 * consumer normalises them the way it normalises text (alef/hamza/ya/ta-marbuta folding,
 * diacritics and tatweel removed, clitics و/ف/ب/ل/ال stripped), so "عارٍ عن الصحة" also matches
 * "عار عن الصحه" and "وعار عن الصحة". A trailing * (stance reader only) matches any
 * continuation of the last word; consumers that match whole words skip starred entries.
 *
 * Pure data: no imports.
 */

/**
 * The writer says the report is false, in their own voice: "لا صحة لما يتم تداوله", "خبر كاذب",
 * "عارٍ عن الصحة", "غير صحيح", "مفبرك".
 */
export const DENIAL_PHRASES_AR: string[] = [
  "لا صحة", "لاصحة", "عدم صحة", "عار عن الصحة", "عارٍ عن الصحة", "عار من الصحة", "عارية عن الصحة", "عارية من الصحة",
  "عاري عن الصحة", "عار تماما عن الصحة", "عارية تماما عن الصحة", "لا أساس له من الصحة", "لا أساس لها من الصحة",
  "لا أساس له", "لا أساس لها", "لا أساس", "ليس له أساس", "ليس لها أساس", "ما له أساس", "ما لها أساس", "مالها أساس",
  "ماله أساس", "لا يمت للحقيقة", "لا يمت للواقع", "لا يمت إلى الحقيقة", "غير صحيح", "غير صحيحة", "غير دقيق", "غير دقيقة",
  "خبر كاذب", "خبر غير صحيح", "أخبار كاذبة", "الأخبار الكاذبة", "أنباء كاذبة", "مزاعم كاذبة", "ادعاءات كاذبة",
  "ادعاءات باطلة", "معلومات مغلوطة", "معلومات مضللة", "معلومات خاطئة", "أخبار مفبركة", "أخبار ملفقة",
  "مفبرك", "مفبركة", "ملفق", "ملفقة", "مزيف", "مزيفة", "مزور", "مزورة", "كاذب", "كاذبة",
  "نفيا قاطعا", "نفياً قاطعاً",
];
/** Stems of the same (stance reader): "مفبرك*" also reads مفبركة، مفبركين. */
export const DENIAL_STEMS_AR: string[] = ["مفبرك*", "فبرك*", "ملفق*", "تلفيق*", "مزيف*", "مزور*", "زائف*", "مضلل*", "تضليل", "افتراء*", "باطل*", "أكاذيب", "أكذوب*", "كاذب*"];

/** Denial verbs and verbal nouns, third and first person: نفى، تنفي، ننفي، نفياً، كذّب، دحض، فنّد. */
export const DENIAL_VERBS_AR: string[] = [
  "نفى", "نفت", "نفوا", "ينفي", "تنفي", "ينفون", "ننفي", "أنفي", "ينفى", "نفي", "نفيا", "نافيا", "نافية",
  "أنكر", "أنكرت", "ينكر", "تنكر", "إنكار", "دحض", "دحضت", "يدحض", "تدحض", "فند", "فندت", "يفند", "تفند", "نفند", "مفندا", "مفندة",
  "كذب", "كذبت", "يكذب", "تكذب", "تكذيب", "نكذب",
];

export const DENIAL_VERBS_EN: string[] = ["deny", "denies", "denied", "denying", "denial", "denials", "refute", "refutes", "refuted", "rebut", "rebutted", "debunk", "debunked", "debunks"];
export const DENIAL_PHRASES_EN: string[] = [
  "no truth", "not true", "untrue", "false", "falsely", "fake", "faked", "fakes", "fake news", "baseless", "unfounded", "bogus",
  "fabricated", "made up", "no evidence", "misleading", "phony", "phoney", "hoax", "hoaxes", "doctored", "not real", "never happened",
  "categorically denied",
];

/**
 * The writer frames what is circulating as a rumour to be corrected — how an official account
 * opens a debunk: "حقيقة ما يتم تداوله", "تنويه", "تحذير", "شائعة", "احذروا", "تحري الدقة",
 * "من مصادرها الرسمية"; and "بخير" / "على قيد الحياة" answering a rumoured death or illness.
 */
export const RUMOUR_DEBUNK_AR: string[] = [
  "شائعة", "شائعات", "الشائعات", "إشاعة", "إشاعات", "اشاعه", "ما يتم تداول*", "ما تم تداول*", "ما تداول*", "ما يتداول*",
  "مايتم تداول*", "ماتم تداول*", "ما أشيع", "ما يشاع", "ما تم نشره", "ما يتم نشره", "ما نشر*", "ما أثير", "ما يثار",
  "حقيقة ما", "توضيح", "تنويه", "تحذير", "تصحيح", "احذروا", "تحري الدقة", "توخي الدقة", "المصادر الرسمية", "مصادرها الرسمية",
  "عدم الانسياق", "عدم تداول", "مغرض*", "خرافات", "بخير", "بصحة جيدة", "على قيد الحياة",
];

/**
 * Hedged or anonymous reporting: the proposition is relayed, not stated — "أنباء عن", "يُزعم",
 * "معلومات غير مؤكدة", "according to unconfirmed reports".
 */
export const HEDGE_PHRASES_AR: string[] = [
  "قد تكون", "قد يكون", "ربما", "يرجح", "يُرجح", "من المرجح", "من المحتمل", "يعتقد أن", "يُعتقد", "على ما يبدو",
  "أنباء عن", "أنباء غير مؤكدة", "معلومات غير مؤكدة", "غير مؤكدة", "غير مؤكد", "لم يتسن التحقق", "لم يتسنَّ", "لم يتم التأكد",
  "يزعم", "يُزعم", "مزعوم", "مزعومة", "ترددت أنباء", "تتردد أنباء", "أنباء متداولة",
];
export const HEDGE_PHRASES_EN: string[] = [
  "reportedly", "allegedly", "purportedly", "unconfirmed", "unconfirmed reports", "according to unconfirmed", "could not be independently verified",
  "could not independently verify", "on condition of anonymity", "it is believed",
];
