/**
 * Acceptance: the two seed reports (copied into test/fixtures/extract) and four small texts of
 * our own that show the mechanism is general (English wire copy, Arabic relays, denials).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractSuggestions, type KnownSource, type Suggestion } from "../../src/extract/extract.ts";
import { detectOutlet } from "../../src/extract/outlet.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url), "utf8");

const MEDIA_CENTRE: KnownSource = {
  id: "mc",
  name: "المركز الإعلامي لقوات سوريا الديمقراطية",
  aliases: ["SDF media centre", "المركز الإعلامي لقسد"],
  kind: "official_body",
};
const ARMY: KnownSource = { id: "iq-army", name: "الجيش العراقي", aliases: ["Iraqi army"], kind: "official_body" };
const SDF: KnownSource = { id: "sdf", name: "قوات سوريا الديمقراطية", aliases: ["قسد", "SDF", "Syrian Democratic Forces"], kind: "official_body" };

function checkOffsets(text: string, s: Suggestion) {
  expect(text.slice(s.quote.start, s.quote.end)).toBe(s.quote.text);
  expect(text.slice(s.cue.start, s.cue.end)).toBe(s.cue.text);
  expect(s.quote.start).toBeGreaterThanOrEqual(0);
  expect(s.sentence.start).toBeLessThanOrEqual(s.cue.start);
}

describe("seed 001 (Al-Khabar TV): SDF media centre asserts the joint centre, the Iraqi army denies it", () => {
  const text = fixture("001_cad93aab64d4a56d.txt");
  const r = extractSuggestions({ text, knownSources: [MEDIA_CENTRE, ARMY, SDF], outlet: { name: "تلفزيون الخبر" } });

  it("every quote and cue slices back out of the text", () => {
    for (const s of r.suggestions) checkOffsets(text, s);
  });

  it("the SDF media centre ASSERTS the joint centre (أعلن), matched to the known source", () => {
    const s = r.suggestions.find((x) => x.speaker.matchedSourceId === "mc" && x.cue.text === "أعلن");
    expect(s).toBeDefined();
    expect(s!.stance).toBe("asserted");
    expect(s!.claimText).toContain("تشكيل مركز مشترك مع الجيش العراقي");
  });

  it("Mustafa Bali speaks for the media centre (matched via his role) and is carried over to 'وأضاف بالي'", () => {
    const bali = r.suggestions.filter((x) => x.speaker.name === "مصطفى بالي");
    expect(bali.length).toBeGreaterThanOrEqual(3);
    for (const s of bali) {
      expect(s.speaker).toMatchObject({ matchedSourceId: "mc", matchedVia: "role", kind: "person" });
      expect(s.stance).toBe("asserted");
    }
    expect(bali.map((s) => s.cue.text)).toEqual(["وقال", "وأضاف", "موضحاً"]);
    expect(bali[1].speaker.resolvedFrom).toBe("بالي");
    expect(bali[0].speaker.role).toContain("رئيس المركز الإعلامي");
  });

  it("the Iraqi army DENIES forming the joint centre (نفياً), relayed by Arab media", () => {
    const s = r.suggestions.find((x) => !x.headline && x.speaker.matchedSourceId === "iq-army");
    expect(s).toMatchObject({ stance: "denied", via: "عدد من وسائل الإعلام العربية" });
    expect(s!.cue.text).toBe("نفياً");
    expect(s!.claimText).toMatch(/^تشكيل مركز مشترك لإدارة العمليات مع قوات سوريا الديمقراطية/);
    expect(s!.details.places).toContain("دير الزور");
  });

  it("the headline '… والعراق ينفي!' yields a denial of the headline's claim, by the army that denies it in the body (not a vaguer 'Iraq')", () => {
    const s = r.suggestions.find((x) => x.headline);
    expect(s).toMatchObject({ stance: "denied", claimText: "مركز مشترك للتنسيق بين الجيش العراقي و قوات قسد لحماية الحدود" });
    expect(s!.speaker).toMatchObject({ name: "الجيش العراقي", matchedSourceId: "iq-army" });
    expect(s!.reasons.at(-1)).toContain('the headline\'s "العراق" is الجيش العراقي');
  });

  it("the attendees are named in details.people", () => {
    const people = new Set(r.suggestions.flatMap((s) => s.details.people));
    for (const n of ["قاسم محمد صالح", "عبد الحسين", "حسن قامشلو", "أنكيزك خليل"]) expect(people).toContain(n);
    const attendance = r.suggestions.find((s) => s.details.people.includes("حسن قامشلو"))!;
    expect(attendance.speaker.matchedSourceId).toBe("mc"); // "بحسب المركز" → the media centre
    expect(attendance.cue.text).toBe("بحسب");
  });

  it("the Russian–YPG operations room at al-Salhiyah is found, with Hmeimim", () => {
    const s = r.suggestions.find((x) => x.details.places.includes("الصالحية"))!;
    expect(s.details.places).toContain("حميميم");
    expect(s.stance).toBe("unverified");
  });

  it("the outlet is detected from the signature line when not given", () => {
    expect(detectOutlet(text)?.name).toBe("تلفزيون الخبر");
    expect(extractSuggestions({ text }).outlet?.name).toBe("تلفزيون الخبر");
  });
});

describe("seed 000 (Political Keys): claims resting on private sources are unverified", () => {
  const text = fixture("000_c05d65dbb0b1fda2.txt");
  const r = extractSuggestions({ text, knownSources: [SDF, MEDIA_CENTRE] });
  const body = r.suggestions.filter((s) => s.speaker.kind === "anonymous");

  it("detects Political Keys as the outlet from «…» after لـ", () => {
    expect(r.outlet?.name).toBe("Political Keys");
  });

  it("all seven statements of the private sources are found, one anonymous source of Political Keys, all unverified", () => {
    expect(body.map((s) => s.cue.text)).toHaveLength(7);
    expect(new Set(body.map((s) => s.speaker.name))).toEqual(new Set(["مصادر خاصة (Political Keys)"]));
    expect(body.every((s) => s.stance === "unverified")).toBe(true);
    for (const s of body) checkOffsets(text, s);
    // the reporting verbs it relied on, in order
    expect(body.map((s) => s.cues[0].text)).toEqual(["أفادت", "وقالت", "وأضافت", "وأشارت", "وتابعت", "وأكدت", "وختمت"]);
  });

  it("claim texts are the quoted propositions without the reporting frame", () => {
    expect(body[0].claimText).toBe(
      "اجتماعات مكثفة انعقدت قبل أيام بين قيادات من قوات سوريا الديمقراطية (قسد) وضباط من التحالف الدولي، بخصوص تأمين الشريط الحدودي بين سوريا والعراق",
    );
    expect(body[3].claimText).toBe("هذه القوات سوف يتم تدريبها ضمن قاعدة التحالف الدولي في الشدادي وقاعدة التحالف الدولي في تل بيدر");
  });

  it("places and times are detected", () => {
    const places = new Set(body.flatMap((s) => s.details.places));
    for (const p of ["رميلان", "الشدادي", "تل بيدر", "معبر الوليد", "الحسكة"]) expect(places).toContain(p);
    const dates = body.flatMap((s) => s.details.dates);
    expect(dates).toContain("يوم السبت الماضي");
    expect(dates).toContain("الساعة الثانية ظهرًا");
    expect(dates.some((d) => d.includes("الخميس 28 آذار"))).toBe(true);
    expect(dates).toContain("مساء الأحد");
  });

  it("Jia Kobani is a person, not the town of Kobani", () => {
    const last = body[6];
    expect(last.details.people).toContain("جيا كوباني");
    expect(last.details.places).not.toContain("كوباني");
  });

  it("the outlet's about-box and page furniture yield nothing", () => {
    expect(r.suggestions.every((s) => s.speaker.kind === "anonymous")).toBe(true);
  });
});

describe("generalisation: an English wire report", () => {
  const text = fixture("reuters_style.txt");
  const r = extractSuggestions({ text, knownSources: [SDF, ARMY, MEDIA_CENTRE] });
  const by = (cue: string) => r.suggestions.find((s) => s.cues.some((c) => c.text === cue))!;

  it("detects the outlet from the dateline", () => {
    expect(r.outlet?.name).toBe("Reuters");
    expect(r.language).toBe("en");
  });

  it("'X said that …' asserts, matched by alias", () => {
    const s = by("said");
    expect(s).toMatchObject({
      stance: "asserted",
      claimText: "they had set up a joint coordination centre with the Iraqi army to secure the border near Deir ez-Zor",
    });
    expect(s.speaker.matchedSourceId).toBe("sdf");
    expect(s.details.places).toContain("Deir ez-Zor");
  });

  it("a post-posed frame ('“…,” X told Reuters') takes the quote before it and the person's name", () => {
    const s = by("told");
    expect(s.claimText).toBe("The meeting was consultative and was held at the request of the Iraqi side");
    expect(s.speaker).toMatchObject({ name: "Mustafa Bali", role: "SDF media office head", kind: "person" });
  });

  it("'denied that …' is denied; 'sources said' and 'according to' are unverified and anonymous", () => {
    expect(by("denied")).toMatchObject({ stance: "denied", claimText: "any joint centre had been formed" });
    const src = by("said the meeting") ?? r.suggestions.find((s) => s.speaker.kind === "anonymous" && s.claimText.includes("al-Qaim"))!;
    expect(src.stance).toBe("unverified");
    expect(src.speaker.name).toBe("Two sources familiar with the talks (Reuters)");
    expect(src.details.places).toContain("Al-Qaim");
    expect(src.details.dates).toContain("on Saturday");
    const acc = by("According to");
    expect(acc).toMatchObject({ stance: "unverified", claimText: "about 200 fighters were moved to the al-Walid crossing" });
    expect(acc.details.numbers).toContain("200 fighters");
  });

  it("'Name, a spokesman for X, said the reports were false' is a denial by the named person", () => {
    const s = by("false");
    expect(s.stance).toBe("denied");
    expect(s.speaker).toMatchObject({ name: "Ahmed Hassan", role: "a spokesman for the Iraqi defence ministry" });
  });

  it("the headline 'Iraq denies forming …' is a denial by the Iraqi body that denies it in the body", () => {
    const s = r.suggestions.find((x) => x.headline)!;
    expect(s).toMatchObject({ stance: "denied", claimText: "forming joint border centre with Kurdish-led SDF" });
    expect(s.speaker.name).toBe("Iraq's Joint Operations Command");
  });

  it("a dateline's agency is not the speaker: 'BAGHDAD, March 28 (Reuters) - The Syrian Democratic Forces (SDF) said …'", () => {
    const s = r.suggestions.find((x) => x.claimText.startsWith("they had set up a joint coordination centre"))!;
    expect(s.speaker).toMatchObject({ matchedSourceId: "sdf", name: "قوات سوريا الديمقراطية" }); // was "Reuters", from the dateline
  });
});

describe("generalisation: Arabic relays with نقلاً عن and بحسب", () => {
  const text = fixture("sana_relay.txt");
  const r = extractSuggestions({ text, knownSources: [SDF] });

  it("detects the outlet from a 'إعداد – name – OUTLET' signature", () => {
    expect(r.outlet?.name).toBe("شبكة الرصد");
  });

  it("'ذكرت وكالة X نقلاً عن مصدر عسكري أن …' → the anonymous military source of agency X, unverified, via X", () => {
    const s = r.suggestions.find((x) => x.cue.text === "نقلاً عن")!;
    expect(s).toMatchObject({ stance: "unverified", claimText: "الطائرة أقلعت من منطقة تل أبيض", via: "وكالة نورث برس" });
    expect(s.speaker).toMatchObject({ name: "مصدر عسكري (وكالة نورث برس)", kind: "anonymous" });
  });

  it("'وبحسب المرصد …، فإن …' → the observatory, unverified", () => {
    const s = r.suggestions.find((x) => x.cue.text === "وبحسب")!;
    expect(s).toMatchObject({ stance: "unverified", claimText: "الهجوم أسفر عن مقتل عنصرين من قسد في ريف الحسكة" });
    expect(s.speaker.name).toBe("المرصد السوري لحقوق الإنسان");
  });

  it("a state agency asserting, a ministry denying with a direct object, a spokesman matched via قسد", () => {
    expect(r.suggestions[0]).toMatchObject({ stance: "asserted", speaker: { kind: "outlet" } });
    expect(r.suggestions[0].speaker.name).toContain("سانا");
    expect(r.suggestions.find((x) => x.cue.text === "نفت")).toMatchObject({ stance: "denied", claimText: "أي علاقة لها بالهجوم" });
    const spokes = r.suggestions.filter((x) => x.speaker.name === "فرهاد شامي");
    expect(spokes.map((x) => [x.cue.text, x.claimText])).toEqual([
      ["وأكد", "التحقيقات مستمرة"],
      ["مشيراً", "الهجوم هو الثالث خلال أسبوع"],
    ]);
    expect(spokes[0].speaker.matchedSourceId).toBe("sdf");
  });
});

describe("generalisation: an Arabic denial story", () => {
  const text = fixture("denial_ar.txt");
  const r = extractSuggestions({ text });

  it("a spokesman's denial with a date between subject and object", () => {
    const s = r.suggestions[0];
    expect(s).toMatchObject({ stance: "denied", claimText: "دخول أي قوات أجنبية إلى الأراضي العراقية عبر معبر القائم" });
    expect(s.speaker.name).toBe("يحيى رسول");
    expect(s.details.dates).toContain("يوم الأحد الماضي");
    expect(s.details.places).toContain("القائم");
  });

  it("'وقال رسول' resolves back to the spokesman; 'لا صحة' makes it a denial", () => {
    const s = r.suggestions[1];
    expect(s.speaker).toMatchObject({ name: "يحيى رسول", resolvedFrom: "رسول" });
    expect(s).toMatchObject({ stance: "denied" });
    expect(s.cue.text).toBe("لا صحة");
  });

  it("'تداولت صفحات محلية أنباء غير مؤكدة' is unverified", () => {
    const s = r.suggestions[2];
    expect(s.stance).toBe("unverified");
    expect(s.claimText).toBe("وصول تعزيزات إلى البوكمال");
    expect(s.details.places).toContain("البوكمال");
  });
});

describe("generalisation: varied Arabic frames", () => {
  const text = fixture("varied_ar.txt");
  const r = extractSuggestions({ text, outlet: { name: "المرصد الإخباري" } });
  const rows = r.suggestions.map((s) => [s.cue.text, s.speaker.name, s.stance, s.claimText]);

  it("finds one suggestion per statement with the right speaker, stance and claim", () => {
    expect(rows).toEqual([
      ["مصدر أمني عراقي", "مصدر أمني عراقي (وكالة فرانس برس)", "unverified", "القوات العراقية عززت انتشارها على الحدود"],
      ["أكدت", "وزارة الخارجية العراقية", "asserted", "بغداد لن تسمح بأي خرق لأراضيها"],
      ["قال", "أحمد الحسن", "asserted", "الوضع تحت السيطرة"],
      ["نفى", "مصدر في الحشد الشعبي (المرصد الإخباري)", "denied", "وجود أي تنسيق مع قسد"],
      ["وأعلنت", "قيادة العمليات المشتركة", "asserted", "مقتل خمسة عناصر من داعش في صحراء الأنبار"],
      ["وكشفت", "صحيفة الشرق الأوسط", "asserted", "اجتماع سري عقد في أربيل الأسبوع الماضي"],
      ["وأوضح", "صحيفة الشرق الأوسط", "asserted", "الاجتماع تناول ملف المعابر"],
      ["وزعم", "ناشطون (المرصد الإخباري)", "unverified", "الطائرة التركية قصفت قرية قرب عامودا"],
      ["أشار", "محمد الكربولي", "asserted", "الحدود مؤمنة بالكامل"],
    ]);
  });

  it("an anonymous source quoted by another outlet belongs to that outlet; a new 'مصدر' is not the earlier one", () => {
    expect(r.suggestions[0].speaker.outlet).toBe("وكالة فرانس برس");
    expect(r.suggestions[3].speaker.resolvedFrom).toBeUndefined();
  });

  it("roles are kept apart from names", () => {
    expect(r.suggestions[2].speaker.role).toBe("قائد شرطة الرقة العميد");
    expect(r.suggestions[8].speaker.role).toBe("عضو مجلس النواب");
    expect(r.suggestions[4].details.dates).toContain("اليوم السبت");
    expect(r.suggestions[4].details.numbers).toContain("خمسة عناصر");
  });
});

describe("generalisation: Arabic relays with نقلت … عن … قوله, connectors and titles with في", () => {
  const text = fixture("relay_ar.txt");
  const r = extractSuggestions({ text, outlet: { name: "عنب بلدي" } });
  const rows = r.suggestions.map((s) => [s.cue.text, s.speaker.name, s.claimText]);

  it("attributes each statement to the right person, carrying the relayed spokesman over", () => {
    expect(rows).toEqual([
      ["وقال", "أحمد الصحاف", "بغداد ترفض أي وجود أجنبي"],
      ["ونقلت", "تحسين الخفاجي", "القطعات تتقدم نحو القائم"],
      ["ولفت", "تحسين الخفاجي", "العملية ستستمر أسبوعين"],
      ["وتابع", "تحسين الخفاجي", "لن نتوقف حتى تحرير آخر شبر"],
      ["قال", "أبو محمد الحلبي", "الهجوم فشل"],
    ]);
    expect(r.suggestions[1].via).toBe("وكالة الأنباء العراقية واع");
    expect(r.suggestions[1].speaker.role).toBe("المتحدث باسم قيادة العمليات المشتركة");
    expect(r.suggestions[4].speaker.role).toBe("القيادي في الجيش الوطني");
  });
});

describe("generalisation: SVO order, statements 'صادر عن', and 'عن' inside a modifier", () => {
  const text = fixture("svo_ar.txt");
  const r = extractSuggestions({ text, knownSources: [SDF, ARMY] });
  const rows = r.suggestions.map((s) => [s.cue.text, s.speaker.matchedSourceId ?? s.speaker.name, s.stance, s.claimText]);

  it("reads each statement", () => {
    expect(rows).toEqual([
      ["مصدر مطلع", "مصدر مطلع (عنب بلدي)", "unverified", "المفاوضات متعثرة"],
      ["وأكد", "sdf", "asserted", "القوات صدت الهجوم"],
      ["أكد", "iq-army", "asserted", "الحدود مؤمنة"],
      ["ينفي", "iq-army", "denied", "تشكيل مركز مشترك مع قسد"],
    ]);
  });
});
