/**
 * A small bilingual concept lexicon for news about conflict: an English and an Arabic word that
 * mean the same thing map to one concept key, so the index can match a claim across languages
 * even where no named entity is shared ("army" ~ "جيش", "border" ~ "حدود"). Keys are compared
 * after the engine's stemming, so list plain forms.
 */
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
