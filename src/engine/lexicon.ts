/**
 * A small bilingual concept lexicon for news about conflict: an English and an Arabic word that
 * mean the same thing map to one concept key, so the index can match a claim across languages
 * even where no named entity is shared ("army" ~ "جيش", "border" ~ "حدود"). Keys are compared
 * after the engine's stemming, so list plain forms.
 *
 * The event concepts of engine/event.ts live here too, so the engine keeps its concept words in
 * one module: they are matched by word-start stems (a number's unit, «محتجزاً» → detainees)
 * rather than by whole stemmed terms, and group words by the thing counted rather than by
 * translation, hence a separate table.
 */
import { keyTokens } from "./normalize.ts";
import { termOf } from "./text.ts";

const PAIRS: Array<[string, string]> = [
  ["army military troops soldiers forces", "جيش قوات جنود عسكري"],
  ["attack attacked assault strike", "هجوم هاجم اعتداء ضربة"],
  ["airstrike airstrikes bombing bombed shelling", "غارة غارات قصف"],
  ["killed kill killing dead death deaths", "قتل مقتل قتلى مصرع"],
  ["wounded injured", "جرحى اصابة مصابين"],
  ["border borders frontier", "حدود حدودي"],
  ["joint", "مشترك مشتركة"],
  ["centre center", "مركز"],
  ["operations operation", "عمليات عملية"],
  ["room", "غرفة"],
  ["coordination coordinate", "تنسيق"],
  ["security", "امن امني"],
  ["deny denied denies denial", "نفى ينفي نفي"],
  ["meeting meetings met", "اجتماع اجتماعات اجتمع لقاء"],
  ["agreement deal", "اتفاق اتفاقية"],
  ["ceasefire truce", "هدنة"],
  ["convoy convoys", "رتل ارتال قافلة"],
  ["base", "قاعدة"],
  ["crossing", "معبر"],
  ["training", "تدريب"],
  ["formed form formation establish established", "تشكيل شكل تاسيس"],
  ["government", "حكومة"],
  ["president", "رئيس"],
  ["minister ministry", "وزير وزارة"],
  ["oil", "نفط"],
  ["protest protests protesters demonstrators", "احتجاج احتجاجات متظاهرين مظاهرات"],
  ["election elections", "انتخابات"],
  ["prisoners detainees", "سجناء معتقلين"],
  ["camp camps", "مخيم مخيمات"],
  ["refugees displaced", "لاجئين نازحين"],
  ["village villages", "قرية قرى"],
  ["city", "مدينة"],
  ["countryside rural", "ريف"],
  ["withdrawal withdraw withdrew", "انسحاب انسحب"],
  ["control", "سيطرة"],
  ["explosion blast", "انفجار تفجير"],
  ["drone drones", "مسيرة مسيرات درون"],
  ["sources source", "مصادر مصدر"],
  ["spokesman spokesperson", "متحدث"],
  ["statement", "بيان"],
  ["sanctions", "عقوبات"],
  ["talks negotiations", "مفاوضات محادثات"],
  ["commander", "قائد"],
  ["tribes tribal", "عشائر عشائري"],
  ["arrested arrest", "اعتقال اعتقل"],
];

/**
 * English near-synonyms common in claims and fact-checks (the same thing said in a tweet and in
 * a fact-checker's summary). Single-language groups, same mechanism.
 */
const EN_GROUPS: string[] = [
  "photo photograph image picture pic snapshot",
  "video footage clip",
  "photoshopped doctored altered manipulated edited fabricated",
  "fake hoax false bogus",
  "dead died death dies",
  "child children kid kids boy girl toddler",
  "migrant migrants immigrant immigrants refugee refugees asylum",
  "police cop cops officer officers",
  "gun guns firearm firearms rifle",
  "muslim muslims islam islamic",
  "vaccine vaccines vaccination vaccinated",
  "fire fires burning blaze wildfire wildfires",
  "money cash dollars",
  "arrested arrest jailed detained",
  "ban banned bans outlaw outlawed prohibit",
  "flag flags",
  "vote votes voting voters ballot ballots",
  "tweet tweeted twitter",
  "doctor doctors physician",
  "cancer tumor",
];

const CONCEPT = new Map<string, string>();
PAIRS.forEach(([en, ar], i) => {
  for (const w of `${en} ${ar}`.split(/\s+/)) {
    const k = termOf(w);
    if (k && !CONCEPT.has(k)) CONCEPT.set(k, `~c${i}`);
  }
});

EN_GROUPS.forEach((g, i) => {
  for (const w of g.split(/\s+/)) {
    const k = termOf(w);
    if (k && !CONCEPT.has(k)) CONCEPT.set(k, `~e${i}`);
  }
});

/** The concept key of a stemmed term, if the lexicon knows it. */
export function conceptOf(term: string): string | undefined {
  return CONCEPT.get(term);
}

/**
 * Event concepts (engine/event.ts: do two claims report the same kind of event, and do their
 * numbers count the same thing). Each entry: the concept, whether it names an event (a happening that has a
 * date and a count) or only what is counted, and word stems (normalised, clitics stripped) —
 * a token matches a stem when it starts with it (stems are long enough not to be ambiguous).
 */
export const EVENT_CONCEPTS: Array<[concept: string, event: boolean, stems: string[]]> = [
  ["exchange", true, ["تبادل", "مبادله", "صفقه", "swap", "exchang"]],
  ["release", true, ["افراج", "افرج", "اطلاق سراح", "سراح", "releas", "freed", "free"]],
  [
    "detainees",
    false,
    ["اسري", "اسير", "محتجز", "معتقل", "سجين", "سجنا", "مختطف", "مخطوف", "رهاين", "رهينه", "prisoner", "detainee", "captive", "hostage", "abducte"],
  ],
  [
    "people",
    false,
    [
      "مدني",
      "مدنيين",
      "اشخاص",
      "شخص",
      "عناصر",
      "عنصر",
      "مقاتل",
      "جنود",
      "جندي",
      "اطفال",
      "طفل",
      "نسا",
      "civilian",
      "people",
      "person",
      "soldier",
      "fighter",
      "militant",
      "children",
      "child",
      "women",
      "troops",
    ],
  ],
  ["killed", true, ["مقتل", "قتلي", "قتيل", "مصرع", "قتل", "استشهاد", "شهدا", "killed", "kill", "dead", "death"]],
  ["wounded", true, ["جرحي", "جريح", "اصابه", "اصابات", "مصاب", "wounded", "injur"]],
  ["strike", true, ["غاره", "غارات", "قصف", "ضربه", "ضربات", "استهداف", "استهدف", "airstrike", "strike", "shell", "bombard"]],
  ["attack", true, ["هجوم", "هجمات", "اعتدا", "attack", "assault", "ambush", "كمين"]],
  ["explosion", true, ["انفجار", "تفجير", "عبوه", "مفخخه", "explosi", "blast", "bomb"]],
  ["return", true, ["عوده", "عاد", "عادت", "عادوا", "تعود", "يعود", "لم تعد", "لم يعد", "return"]],
  ["displaced", false, ["نازح", "نازحين", "مهجر", "لاجي", "displac", "refugee", "famil", "عايله", "عايلات", "اسره"]],
  ["agreement", true, ["اتفاق", "هدنه", "وقف اطلاق", "تسويه", "agreement", "deal", "ceasefire", "truce", "accord"]],
  ["meeting", true, ["اجتماع", "لقا", "محادثات", "مفاوضات", "meeting", "talks", "negotiat"]],
  ["arrest", true, ["اعتقال", "توقيف", "القبض", "قبض", "حمله مداهمات", "arrest", "raid"]],
  ["withdrawal", true, ["انسحاب", "انسحب", "withdr", "pullout"]],
  ["deployment", true, ["انتشار", "تعزيزات", "رتل", "deploy", "reinforcement", "convoy"]],
  ["protest", true, ["مظاهره", "مظاهرات", "احتجاج", "اعتصام", "protest", "demonstrat", "rally"]],
  ["election", true, ["انتخاب", "اقتراع", "election", "vote", "ballot"]],
  ["centre", false, ["مركز", "غرفه عمليات", "غرفه", "centre", "center", "operations room"]],
  ["crossing", false, ["معبر", "crossing"]],
];

/** Surface words per concept, to widen a search to accounts worded with the synonyms. */
export const EVENT_SYNONYMS: Record<string, string> = {
  exchange: "تبادل صفقة مبادلة exchange swap",
  release: "الإفراج إطلاق سراح أفرج released freed",
  detainees: "أسرى أسير معتقلين معتقل محتجزين محتجز سجناء مختطفين prisoners detainees captives hostages",
  killed: "مقتل قتلى قتيل مصرع killed dead",
  wounded: "جرحى إصابة مصابين wounded injured",
  strike: "غارة قصف ضربة استهداف airstrike strike shelling",
  attack: "هجوم اعتداء كمين attack assault ambush",
  explosion: "انفجار تفجير عبوة مفخخة explosion blast bomb",
  return: "عودة عادت returned return",
  displaced: "نازحين مهجرين لاجئين عائلات displaced refugees families",
  agreement: "اتفاق هدنة تسوية agreement deal ceasefire truce",
  meeting: "اجتماع لقاء محادثات مفاوضات meeting talks negotiations",
  arrest: "اعتقال توقيف القبض حملة arrest raid",
  withdrawal: "انسحاب withdrawal",
  deployment: "انتشار تعزيزات رتل deployment reinforcements convoy",
  protest: "مظاهرة احتجاج اعتصام protest demonstration rally",
  election: "انتخابات اقتراع election vote",
};

/** The event concepts a text names (by word-start stems, over its key tokens). */
export function eventConceptsOf(text: string): Set<string> {
  const toks = keyTokens(text).map((t) => t.toLowerCase());
  const joined = ` ${toks.join(" ")} `;
  const out = new Set<string>();
  for (const [concept, , stems] of EVENT_CONCEPTS) {
    for (const s of stems) {
      const hit = s.includes(" ") ? joined.includes(` ${s}`) : toks.some((t) => t.startsWith(s) && (s.length >= 4 || t.length <= s.length + 2));
      if (hit) {
        out.add(concept);
        break;
      }
    }
  }
  return out;
}
