/**
 * The synthetic store the load benchmarks seed and write (load.ts on SQLite, pg.ts on
 * PostgreSQL): one vocabulary, so the two databases are measured on the same claims.
 */
export const PASSWORD = "load test password";

export const AR_SUBJECTS = [
  "قوات سوريا الديمقراطية",
  "الجيش العراقي",
  "التحالف الدولي",
  "المركز الإعلامي",
  "مصادر خاصة",
  "وزارة الدفاع",
  "الحشد الشعبي",
  "قسد",
];
export const AR_VERBS = ["شكّلت", "نفت", "أعلنت", "عقدت", "رفضت", "أكدت", "بدأت", "أوقفت"];
export const AR_OBJECTS = [
  "مركزاً مشتركاً لتنسيق أمن الحدود",
  "اجتماعات مكثفة لتشكيل قوة حرس حدود",
  "عمليات مشتركة في دير الزور",
  "تدريبات في الشدادي وتل بيدر",
  "مرافقة القوافل من معبر الوليد",
  "غرفة عمليات في الصالحية",
];
export const EN = [
  "The SDF and the Iraqi army formed a joint border centre",
  "Coalition convoys escorted from al-Walid crossing",
  "Training began at al-Shaddadi",
  "Meetings ran from Saturday to Sunday evening",
];

/** The seeded claim number `i`: Arabic or English, unique by its number. */
export function seededClaimText(i: number, arabic: boolean): string {
  return arabic ? `${AR_SUBJECTS[i % 8]} ${AR_VERBS[(i >> 3) % 8]} ${AR_OBJECTS[(i >> 6) % 6]} (${i})` : `${EN[i % 4]} (${i})`;
}
