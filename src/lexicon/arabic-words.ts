/**
 * Arabic words whose first letter looks like a clitic but belongs to the word, and the words a
 * clitic ف attaches to, for the engine's clitic stripping (engine/normalize.ts
 * stripArabicClitics). Written as a reader would spell them; the engine folds them with its own
 * normalisation when it loads them.
 *
 * Pure data: no imports.
 */

/**
 * Words that begin with و، ب، ل or ك as a root letter, common in news about conflict, that the
 * one-letter clitic rule would otherwise cut to a different word (وزير → زير, لبنان → بنان,
 * بيان → يان). A clitic before them is still stripped (ووزير → وزير, للبنان → لبنان).
 */
export const ROOT_INITIAL_WORDS: string[] = (
  "وزير وزيرة وزراء وزارة وزارات وطن وطني وطنية وقت وكالة وكالات وفد وفود واشنطن ولاية ولايات وثيقة وثائق " +
  "وضع أوضاع وصول وسط واقع وجود وفاة وفيات وحدة وحدات ورقة وادي وعود وعد ولاء واجب وسائل وسيلة وقف وقود " +
  "لبنان لبناني لبنانية ليبيا لندن لجنة لجان لقاء لواء ألوية لاجئ لاجئين لحظة لغة " +
  "بغداد بيروت بريطانيا بريطاني بلدة بلدات بلدية بيان بيانات بنك بحر بحرية بئر برلمان بعثة بلاغ " +
  "كركوك كتيبة كتائب كتاب كلية كمين كنيسة كهرباء كويت"
).split(/\s+/);

/**
 * What a clitic ف ("and so", "then") attaches to when no article follows it: particles,
 * pronouns and the reporting verbs. Before any other word a leading ف is a root letter
 * (فصائل، فلسطين، فرنسا، فترة، فيديو), so it is kept.
 */
export const FA_HOSTS: string[] = (
  "إن إنه إنها إنهم أن أنه أنها لا لم لن ما قد لقد هو هي هم هن هذا هذه ذلك تلك كان كانت كانوا " +
  "إذا إذ ثم قال قالت قالوا يقول تقول أكد أكدت أعلن أعلنت نفى نفت ينفي تنفي"
).split(/\s+/);
