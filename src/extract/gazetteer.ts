/**
 * Small gazetteer of Syrian and Iraqi places (Arabic and English spellings) and the word lists
 * the people / place / date detectors share. Canonical name first, then variants.
 */
import { tokenizeWithOffsets } from "./tokens.ts";
import { normalizeText } from "../engine/normalize.ts";
import { MONTH_NAMES_AR_GREGORIAN, WEEKDAY_NAMES_AR } from "../lexicon/calendar.ts";
import { COUNT_WORDS_AR, COUNT_WORDS_EN } from "../lexicon/numbers.ts";

export const PLACES: string[][] = [
  ["دير الزور", "ديرالزور", "Deir ez-Zor", "Deir al-Zor", "Deir Ezzor", "Deir el-Zor"],
  ["الحسكة", "Hasakah", "Hasaka", "al-Hasakah", "Hassakeh"],
  ["رميلان", "Rmeilan", "Rmelan", "Rumeilan"],
  ["الشدادي", "الشدادة", "Shaddadi", "al-Shaddadi", "Shadadi"],
  ["تل بيدر", "Tal Baydar", "Tal Bidar", "Tel Baydar"],
  ["معبر الوليد", "al-Walid crossing", "Walid crossing", "al-Waleed crossing"],
  ["الصالحية", "Salhiyah", "al-Salhiyah", "Salihiyah"],
  ["حميميم", "Hmeimim", "Khmeimim", "Hmeymim"],
  ["بغداد", "Baghdad"],
  ["القامشلي", "Qamishli", "Qamishlo", "Kamishli"],
  ["الرقة", "Raqqa", "Raqqah", "al-Raqqa"],
  ["منبج", "Manbij"],
  ["كوباني", "عين العرب", "Kobani", "Kobane", "Ain al-Arab"],
  ["البوكمال", "أبو كمال", "Albukamal", "Abu Kamal", "Al-Bukamal"],
  ["القائم", "Al-Qaim", "al-Qaim", "Qaim"],
  ["دمشق", "Damascus"],
  ["حلب", "Aleppo"],
  ["إدلب", "Idlib"],
  ["حمص", "Homs"],
  ["حماة", "Hama"],
  ["اللاذقية", "Latakia"],
  ["طرطوس", "Tartus"],
  ["درعا", "Daraa", "Deraa"],
  ["السويداء", "Sweida", "Suwayda"],
  ["الموصل", "Mosul"],
  ["أربيل", "Erbil", "Arbil"],
  ["كركوك", "Kirkuk"],
  ["سنجار", "Sinjar"],
  ["البصرة", "Basra"],
  ["الأنبار", "Anbar"],
  ["الرمادي", "Ramadi"],
  ["الفلوجة", "Fallujah"],
  ["تكريت", "Tikrit"],
  ["دهوك", "Duhok", "Dohuk"],
  ["السليمانية", "Sulaymaniyah"],
  ["التنف", "al-Tanf", "Tanf"],
  ["عفرين", "Afrin"],
  ["تل أبيض", "Tal Abyad", "Tell Abyad"],
  ["رأس العين", "Ras al-Ain", "Ras al-Ayn"],
  ["عين عيسى", "Ain Issa"],
  ["هجين", "Hajin"],
  ["الميادين", "Mayadin", "al-Mayadin"],
  ["الباغوز", "Baghouz"],
  ["الهول", "al-Hol", "Hol"],
  ["الطبقة", "Tabqa"],
  ["تل تمر", "Tal Tamr"],
  ["المالكية", "ديريك", "Malikiyah", "Derik"],
  ["اليعربية", "تل كوجر", "Yarubiyah"],
  ["فيشخابور", "سيمالكا", "Faysh Khabur", "Semalka"],
  ["ربيعة", "Rabia"],
  ["سوريا", "Syria"],
  ["العراق", "Iraq"],
  ["تركيا", "Turkey", "Türkiye"],
  ["إيران", "Iran"],
  ["الأردن", "Jordan"],
  ["لبنان", "Lebanon"],
  ["روسيا", "Russia"],
  ["أمريكا", "الولايات المتحدة", "United States"],
];

export interface GazEntry {
  canonical: string;
  keys: string[];
}

/** Variants compiled to token keys (the same keys the sentence tokens carry). */
export const GAZ: GazEntry[] = PLACES.flatMap((row) =>
  row.map((v) => ({
    canonical: row[0],
    keys: tokenizeWithOffsets(v)
      .filter((t) => t.kind === "word")
      .map((t) => t.key),
  })),
).sort((a, b) => b.keys.length - a.keys.length);

export const GAZ_FIRST_KEYS = new Set(GAZ.map((g) => g.keys[0]));
export const GAZ_ALL_KEYS = new Set(GAZ.flatMap((g) => g.keys));
/** Keys of one-word place names only ("أبو" of "أبو كمال" is not a place on its own). */
export const GAZ_SINGLE_KEYS = new Set(GAZ.filter((g) => g.keys.length === 1).map((g) => g.keys[0]));

const n = (s: string) =>
  s
    .split(/[،,]+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .map((w) => normalizeText(w));

/** Place trigger nouns: منطقة X، قاعدة X، معبر X، ريف X … (normalised, clitics stripped). */
export const PLACE_TRIGGERS = new Set(n("منطقة، مدينة، قاعدة، معبر، ريف، محافظة، بلدة، قرية، مخيم، مطار، حقل، ناحية، حي، قضاء، إقليم، سد، جسر، ميناء"));
export const PLACE_TRIGGERS_EN = new Set([
  "crossing",
  "base",
  "airport",
  "province",
  "governorate",
  "countryside",
  "district",
  "camp",
  "oilfield",
  "field",
  "border crossing",
]);

/** Title / role words that introduce a person's name (normalised; conj و stripped before lookup). */
export const TITLES = new Set(
  n(
    "القيادي، قيادي، القائد، قائد، رئيس، الرئيس، مساعده، مساعد، مساعدة، نائب، نائبه، العضو، عضو، المتحدث، متحدث، الناطق، ناطق، الوزير، وزير، وزيرة، اللواء، العميد، العقيد، المقدم، الرائد، النقيب، الفريق، الجنرال، الشيخ، الدكتور، السيد، السيدة، المسؤول، مسؤول، مدير، المدير، القاضي، النائب، الصحفي، الناشط، المحلل، الباحث، الكاتب، زعيم، الزعيم، المبعوث، السفير، محافظ، المحافظ، الأمين، المستشار، مستشار، الرئيسة، رئيسة، المتحدثة، الناطقة، مراسل، مراسلنا",
  ),
);
/** Tokens that introduce a list of names: "وهما X و Y". */
export const NAME_LIST_TRIGGERS = new Set(n("هما، هم، وهما، وهم"));
/** Nouns that continue a role description after a title ("رئيس مجلس الوزراء …"). */
export const ROLE_NOUNS = new Set(
  n(
    "شرطة، الشرطة، النواب، نواب، الشعب، بلدية، البلدية، محافظة، المحافظة، مدينة، الحشد، الجبهة، المجلس، الوزراء، قوات، قوة، وزارة، وزراء، مجلس، جيش، حزب، هيئة، باسم، الأركان، أركان، حملة، قيادة، جبهة، حكومة، لجنة، مكتب، المكتب، ميليشيا، فصيل، وحدات، حركة، تنظيم، دائرة، المركز، مركز، الإدارة، إدارة، عام، العام، الذاتية، مديرية، شعبة، فرع، الفرقة، فرقة، اللواء، لواء، كتيبة، أمن، الأمن، الدفاع، الداخلية، الخارجية، العمليات، عمليات، الجيش",
  ),
);
/** Words that are never part of an Arabic personal name. */
export const NAME_STOP = new Set(
  n(
    "في، من، إلى، الى، على، عن، مع، أن، إن، أنه، أنها، إنه، إنها، بأن، كان، كانت، يكون، تكون، هو، هي، وهو، وهي، هذا، هذه، ذلك، تلك، الذي، التي، الذين، قد، لقد، لا، لم، لن، ما، كما، بعد، قبل، خلال، حيث، منذ، بين، عند، أي، كل، بعض، غير، أيضا، أيضاً، أما، ثم، أو، أم، بل، لكن، إذ، إذا، عبر، ضد، حول، لدى، نحو، مثل، سوى، فقط، جدا، أمس، اليوم، غدا، مؤخرا، مؤخراً، تصريحات، تصريح، بيان، حديث، حديثها، حديثه، قوله، وجود، تشكيل، صحة، يوم، عدة، عدد، مصادر، مصدر، بشكل، ضمن، لدى، منها، منه، عنها، عنه، لها، له، بها، به، فيها، فيه، إضافة، بالإضافة، وأيضا، جانب، طرف، ممثلا، ممثلاً، مسؤول، المسؤول، الجانب، اختصارا، اختصاراً، المعروفة، المعروف، يشرف، يتم، تم، سوف، عضوان، ومساعده",
  ),
);

/** Weekday and month names and number words come from the shared lexicon (src/lexicon/). */
export const WEEKDAYS_AR = WEEKDAY_NAMES_AR;
export const MONTHS_AR = MONTH_NAMES_AR_GREGORIAN;
/** Count words (normalised); "عضوان" (two members) is a count in itself. */
export const NUMBER_WORDS_AR = new Set([...COUNT_WORDS_AR.map((w) => normalizeText(w)), ...n("عضوان، عضوين")]);
export const NUMBER_WORDS_EN = new Set(COUNT_WORDS_EN);
