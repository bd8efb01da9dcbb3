/**
 * Writes demo/seed-bundle.json: the two seed reports of the acceptance story entered as an
 * analyst would. The document texts are read from the seed files and written byte-exact
 * (never retyped), and every quote is cut out of its document with `span()`, so each quote
 * occurs word for word in the text it cites. The script checks both before writing.
 *
 *   npx tsx scripts/make-demo-bundle.ts [SEEDS_DIR]     (default ../shared/seeds)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkBundle } from "../src/domain/bundle/check-bundle.ts";
import type { BundleJson } from "../src/domain/bundle/bundle.schema.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const seeds = resolve(process.argv[2] ?? process.env.SEEDS_DIR ?? join(root, "../shared/seeds"));
const POLITICAL_KEYS_FILE = "000_c05d65dbb0b1fda2.txt";
const AL_KHABAR_FILE = "001_cad93aab64d4a56d.txt";

const pkText = readFileSync(join(seeds, POLITICAL_KEYS_FILE), "utf8");
const khText = readFileSync(join(seeds, AL_KHABAR_FILE), "utf8");

/** The exact text from the first `start` through the next `end` (both included). */
function span(text: string, start: string, end: string): string {
  const i = text.indexOf(start);
  const j = i < 0 ? -1 : text.indexOf(end, i + start.length);
  if (i < 0 || j < 0) throw new Error(`quote not found: ${start} … ${end}`);
  return text.slice(i, j + end.length);
}

const KH_DOC = "al-khabar-sdf-iraq-joint-centre";
const PK_DOC = "political-keys-border-force";
/** Political Keys: "today, Thursday 28 March" (اليوم الخميس 28 آذار/ مارس); 28 March 2024 was a Thursday. */
const PK_DATE = "2024-03-28";

/** "Last Saturday", counted back from Thursday 28 March 2024. */
const LAST_SATURDAY = "2024-03-23";

const kh = (quote: string) => ({ document: KH_DOC, quote, statedAt: null });
const pkPrivate = (quote: string) => ({
  source: "political-keys-private-sources",
  outlet: "political-keys",
  document: PK_DOC,
  stance: "unverified" as const,
  quote,
  statedAt: PK_DATE,
  credibility: 6,
});

const bundle: BundleJson = {
  version: 1,
  sources: [
    {
      key: "al-khabar-tv",
      name: "Al-Khabar TV",
      aliases: ["تلفزيون الخبر", "Al Khabar TV"],
      kind: "outlet",
      reliability: "C",
      notes:
        'Syrian online news outlet. The joint-centre report is a round-up ("متابعة", by عطية العطية) of what other media carried, not first-hand reporting: graded C (fairly reliable). ' +
        "The report carries no date, so its publishedAt is left empty (the events it covers belong to the Operation Jazira Storm period).",
    },
    {
      key: "political-keys",
      name: "Political Keys",
      aliases: ["بوليتكال كيز", "بوليتكال كيز | Political Keys"],
      kind: "outlet",
      reliability: "F",
      notes:
        "Online outlet describing itself as an independent news platform (منصة إخبارية مستقلة). No track record assessed yet: reliability cannot be judged (F). " +
        'Its 28 March 2024 exclusive (خاص) rests entirely on unnamed "private sources".',
    },
    {
      key: "political-keys-private-sources",
      name: "Private sources (Political Keys)",
      aliases: ["مصادر خاصة (Political Keys)", "مصادر خاصة لـ«بوليتكال كيز»"],
      kind: "anonymous",
      reliability: "F",
      notes:
        'Unnamed sources quoted by Political Keys ("مصادر خاصة"). A single anonymous origin: every claim resting on them is unverified until corroborated.',
      parent: "political-keys",
    },
    {
      key: "sdf-media-centre",
      name: "SDF media centre",
      aliases: ["المركز الإعلامي لقوات سوريا الديمقراطية", "المركز الإعلامي لقسد", "المركز الإعلامي التابع لقوات سوريا الديمقراطية", "SDF Media Center"],
      kind: "official_body",
      reliability: "C",
      notes: "Official media office of the SDF (head: Mustafa Bali). Usually accurate about its own announcements, but a party to the events it reports: C.",
      parent: "sdf",
    },
    {
      key: "mustafa-bali",
      name: "Mustafa Bali",
      aliases: ["مصطفى بالي", "Mustefa Bali"],
      kind: "spokesperson",
      reliability: "C",
      notes: "Head of the SDF media centre (رئيس المركز الإعلامي لقوات سوريا الديمقراطية); speaks for the SDF.",
      parent: "sdf-media-centre",
    },
    {
      key: "iraqi-army",
      name: "Iraqi army",
      aliases: ["الجيش العراقي", "Iraqi Army"],
      kind: "official_body",
      reliability: "C",
      notes: "Statements reach us second-hand here (via unnamed Arab media, via Al-Khabar TV). A party to the events it comments on: C.",
    },
    {
      key: "sdf",
      name: "Syrian Democratic Forces (SDF)",
      aliases: ["قوات سوريا الديمقراطية", "قسد", "SDF", "Syrian Democratic Forces", "قوات سورية الديمقراطية"],
      kind: "armed_group",
      reliability: "C",
      notes: "Kurdish-led armed coalition in north-east Syria; the YPG is its core. Statements usually come through its media centre.",
    },
    {
      key: "ypg",
      name: "YPG (People's Protection Units)",
      aliases: ["وحدات حماية الشعب الكردية", "وحدات حماية الشعب", "YPG", "الوحدات الكردية"],
      kind: "armed_group",
      reliability: "F",
      notes: "Named in the Al-Khabar report (joint operations room with the Russian army); no statement of its own is recorded.",
      parent: "sdf",
    },
    {
      key: "international-coalition",
      name: "International coalition",
      aliases: ["التحالف الدولي", "US-led coalition", "Global Coalition"],
      kind: "armed_group",
      reliability: "F",
      notes: "The US-led anti-ISIS coalition. Named in both reports; no statement of its own is recorded.",
    },
    {
      key: "arab-media",
      name: "Arab media (unnamed)",
      aliases: ["وسائل الإعلام العربية", "وسائل إعلام عربية"],
      kind: "other",
      reliability: "F",
      notes:
        'Unnamed Arab outlets that, according to Al-Khabar TV, carried the Iraqi army\'s denial. Recorded as the "according to" (via) of that denial so the chain of transmission stays visible: Iraqi army → Arab media → Al-Khabar TV.',
    },
  ],
  documents: [
    {
      key: KH_DOC,
      title: khText.split("\n")[0],
      url: null,
      publisher: "al-khabar-tv",
      publishedAt: null,
      language: "ar",
      text: khText,
    },
    {
      key: PK_DOC,
      title: pkText.split("\n")[2],
      url: null,
      publisher: "political-keys",
      publishedAt: PK_DATE,
      language: "ar",
      text: pkText,
    },
  ],
  claims: [
    {
      key: "sdf-iraq-joint-border-centre",
      text: "شكّلت قوات سوريا الديمقراطية والجيش العراقي مركزاً مشتركاً لتنسيق حماية الحدود",
      language: "ar",
      translation: "The SDF and the Iraqi army formed a joint border-coordination centre",
      tags: ["sdf-iraq", "border", "deir-ez-zor"],
      attributions: [
        {
          source: "sdf-media-centre",
          outlet: "al-khabar-tv",
          stance: "asserted",
          credibility: 3,
          ...kh(span(khText, "أعلن المركز الإعلامي التابع", "المتاخمة لمحافظة دير الزور.")),
        },
        {
          source: "iraqi-army",
          outlet: "al-khabar-tv",
          via: "arab-media",
          stance: "denied",
          credibility: 3,
          ...kh(span(khText, "نفياً من الجيش العراقي", "لريف محافظة دير الزور")),
        },
      ],
    },
    {
      key: "sdf-iraq-meeting-attendees",
      text: "حضر الاجتماع عن الجيش العراقي قائد قوات الجزيرة العراقية قاسم محمد صالح ومساعده عبد الحسين، وعن قسد حسن قامشلو وأنكيزك خليل",
      language: "ar",
      translation:
        "The meeting was attended for the Iraqi army by Qasim Mohammed Salih, commander of the Iraqi Jazira forces, and his aide Abdul-Hussein, and for the SDF by Hassan Qamishlo and Ankizak Khalil of the Jazira Storm command",
      tags: ["sdf-iraq", "border", "meeting"],
      attributions: [
        {
          source: "sdf-media-centre",
          outlet: "al-khabar-tv",
          stance: "asserted",
          credibility: 3,
          ...kh(span(khText, "وحضر الاجتماع بحسب", "حسن قامشلو و أنكيزك خليل.")),
        },
      ],
    },
    {
      key: "sdf-iraq-meeting-consultative",
      text: "كان اجتماع قسد والجيش العراقي تشاورياً وعُقد بطلب من الجانب العراقي لبحث التصدي لتسلل عناصر داعش عبر الحدود",
      language: "ar",
      translation: "The SDF–Iraqi army meeting was consultative, held at the Iraqi side's request, to discuss stopping ISIS infiltration across the border",
      tags: ["sdf-iraq", "border", "meeting", "isis"],
      attributions: [
        {
          source: "mustafa-bali",
          outlet: "al-khabar-tv",
          stance: "asserted",
          credibility: 3,
          ...kh(span(khText, "الاجتماع كان تشاوري", "عبر الحدود")),
        },
      ],
    },
    {
      key: "sdf-iraq-information-exchange",
      text: "اتفقت قسد والجيش العراقي على آلية لتبادل المعلومات والخبرات والتنسيق المشترك لحماية الحدود",
      language: "ar",
      translation: "The SDF and the Iraqi army agreed a mechanism for exchanging information and expertise and coordinating border protection",
      tags: ["sdf-iraq", "border"],
      attributions: [
        {
          source: "mustafa-bali",
          outlet: "al-khabar-tv",
          stance: "asserted",
          credibility: 3,
          ...kh(span(khText, "الطرفين اتفقا على آلية معينة", "التنسيق المشترك لحماية الحدود")),
        },
      ],
    },
    {
      key: "russia-ypg-joint-operations-room-salhiyah",
      text: "شكّل الجيش الروسي (قاعدة حميميم) ووحدات حماية الشعب الكردية غرفة عمليات مشتركة في منطقة الصالحية بريف دير الزور الشمالي",
      language: "ar",
      translation: "The Russian army (Hmeimim base) and the YPG formed a joint operations room in al-Salhiyah, northern rural Deir ez-Zor",
      tags: ["russia-ypg", "deir-ez-zor"],
      attributions: [
        {
          // Al-Khabar TV reports the announcement without saying who made it.
          source: "al-khabar-tv",
          stance: "asserted",
          credibility: 6,
          ...kh(span(khText, "قبل فترة زمنية قريبة أعلن", "في منطقة الصالحية بريف دير الزور الشمالي")),
        },
      ],
    },
    {
      key: "sdf-coalition-border-force-meetings",
      text: "عقدت قيادات من قسد وضباط من التحالف الدولي اجتماعات مكثفة بهدف تشكيل قوة لحراسة الحدود السورية العراقية",
      language: "ar",
      translation: "SDF commanders and international-coalition officers held intensive meetings to form a force to guard the Syria–Iraq border",
      tags: ["sdf-coalition", "border", "border-force"],
      attributions: [pkPrivate(span(pkText, "اجتماعات مكثفة انعقدت قبل أيام", "بين سوريا والعراق"))],
    },
    {
      key: "sdf-iraq-border-guard-secret-cooperation",
      text: "يريد التحالف الدولي نشر قوات جديدة من قسد على كامل الحدود السورية العراقية بتعاون سري مع حرس الحدود العراقي وبضمانة التحالف",
      language: "ar",
      translation:
        "The international coalition wants new SDF forces deployed along the whole Syria–Iraq border, cooperating secretly with the Iraqi border guard under the coalition's guarantee",
      tags: ["sdf-iraq", "sdf-coalition", "border", "border-force"],
      attributions: [pkPrivate(span(pkText, "التحالف الدولي يريد تجهيز قوات جديدة", "بضمانة ووساطة من ضباط التحالف الدولي"))],
    },
    {
      key: "jia-kobani-moved-to-coalition-base",
      text: "انتقل القيادي في قسد جيا كوباني يوم السبت الماضي من رميلان إلى قاعدة للتحالف الدولي في ريف الحسكة",
      language: "ar",
      translation:
        'SDF commander Jia Kobani moved last Saturday (23 March 2024, counting back from the report) from Rmeilan to a coalition base ("ألايف ستون") in rural Hasakah',
      tags: ["sdf-coalition", "jia-kobani", "hasakah"],
      eventDate: LAST_SATURDAY,
      attributions: [pkPrivate(span(pkText, "القيادي جيا كوباني", "حيث انعقدت الاجتماعات بين قسد والتحالف"))],
    },
    {
      key: "border-force-training-shaddadi-tal-baydar",
      text: "ستُدرَّب القوة الجديدة في قاعدتي التحالف الدولي في الشدادي وتل بيدر",
      language: "ar",
      translation: "The new force will be trained at the coalition bases in al-Shaddadi and Tal Baydar",
      tags: ["sdf-coalition", "border-force", "training"],
      attributions: [pkPrivate(span(pkText, "هذه القوات سوف يتم تدريبها", "قاعدة التحالف الدولي في تل بيدر"))],
    },
    {
      key: "coalition-retraining-jazira-sanadid",
      text: "يشرف ضباط التحالف الدولي على إعادة تأهيل قوات حماة الجزيرة وقوات الصناديد",
      language: "ar",
      translation: "Coalition officers are overseeing the retraining of the Humat al-Jazira forces and the al-Sanadid forces",
      tags: ["sdf-coalition", "training"],
      attributions: [pkPrivate(span(pkText, "يشرف ضباط التحالف الدولي على تدريب هذه القوة", "بندر حميدي الدهام الجربا"))],
    },
    {
      key: "border-force-escort-us-convoys-al-walid",
      text: "ستتولى القوة الجديدة أيضاً مرافقة القوافل الأمريكية من معبر الوليد الحدودي إلى القواعد الأمريكية",
      language: "ar",
      translation: "The force will also escort US convoys from the al-Walid border crossing to US bases",
      tags: ["sdf-coalition", "border-force", "us-convoys"],
      attributions: [pkPrivate(span(pkText, "بالإضافة إلى حراسة الحدود", "إلى القواعد الأمريكية"))],
    },
    {
      key: "sdf-coalition-meetings-saturday-to-sunday",
      text: "استمرت اجتماعات قسد والتحالف الدولي من الساعة الثانية ظهر يوم السبت حتى مساء الأحد",
      language: "ar",
      translation: "The SDF–coalition meetings ran from 2 pm on Saturday (23 March 2024, counting back from the report) to Sunday evening",
      tags: ["sdf-coalition", "meeting"],
      eventDate: LAST_SATURDAY,
      attributions: [pkPrivate(span(pkText, "الاجتماعات بين قيادات قسد وضباط التحالف الدولي بدأت", "وانتهت مساء الأحد"))],
    },
  ],
};

const checked = checkBundle(bundle);
if (checked.warnings.length) throw new Error(`quotes not found in their documents:\n${checked.warnings.join("\n")}`);
for (const [doc, text] of [
  [KH_DOC, khText],
  [PK_DOC, pkText],
] as const) {
  if (checked.bundle.documents.find((d) => d.key === doc)?.text !== text) throw new Error(`document ${doc} is not byte-exact`);
}
const out = join(root, "demo/seed-bundle.json");
writeFileSync(out, `${JSON.stringify(bundle, null, 2)}\n`, "utf8");
console.log(`wrote ${out}: ${bundle.sources!.length} sources, ${bundle.documents!.length} documents, ${bundle.claims!.length} claims`);
