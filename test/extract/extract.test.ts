import { describe, expect, it } from "vitest";
import { extractSuggestions, type KnownSource } from "../../src/extract/extract.ts";

const SDF: KnownSource = { id: "sdf", name: "قوات سوريا الديمقراطية", aliases: ["قسد", "SDF", "Syrian Democratic Forces"], kind: "official_body" };
const ARMY: KnownSource = { id: 7, name: "الجيش العراقي", aliases: ["Iraqi army", "the Iraqi army"], kind: "official_body" };

const one = (text: string, extra: Partial<Parameters<typeof extractSuggestions>[0]> = {}) => {
  const r = extractSuggestions({ text, ...extra });
  expect(r.suggestions.length).toBeGreaterThan(0);
  return r.suggestions[0];
};

describe("extractSuggestions: stance per cue family", () => {
  it.each([
    ["قال الجيش العراقي إن الحدود مؤمنة بالكامل.", "asserted", "قال", "الحدود مؤمنة بالكامل"],
    ["أعلنت وزارة الدفاع عن تشكيل لواء جديد على الحدود.", "asserted", "أعلنت", "تشكيل لواء جديد على الحدود"],
    ["نفى الجيش العراقي تشكيل أي مركز مشترك مع قسد.", "denied", "نفى", "تشكيل أي مركز مشترك مع قسد"],
    ["نفت الوزارة أن تكون قواتها قد عبرت الحدود.", "denied", "نفت", "تكون قواتها قد عبرت الحدود"],
    ["وبحسب المرصد السوري لحقوق الإنسان، فإن الهجوم أسفر عن مقتل عنصرين.", "unverified", "وبحسب", "الهجوم أسفر عن مقتل عنصرين"],
    ["The Iraqi army said on Sunday that the border was secure.", "asserted", "said", "the border was secure"],
    ["The ministry denied that any troops had crossed.", "denied", "denied", "any troops had crossed"],
    ["According to witnesses, the convoy left at dawn.", "unverified", "According to", "the convoy left at dawn"],
    ["The convoy left at dawn, according to witnesses.", "unverified", "according to", "The convoy left at dawn"],
  ])("%s", (text, stance, cue, claim) => {
    const s = one(text);
    expect(s.stance).toBe(stance);
    expect(s.cue.text).toBe(cue);
    expect(text.slice(s.cue.start, s.cue.end)).toBe(cue);
    expect(s.claimText).toBe(claim);
    expect(text.slice(s.quote.start, s.quote.end)).toBe(s.quote.text);
  });

  it("a denial phrase inside reported content makes it denied and is reported as the cue", () => {
    const s = one('وقال المتحدث باسم الجيش يحيى رسول إن "الأنباء عن دخول رتل عسكري لا صحة لها".');
    expect(s.stance).toBe("denied");
    expect(s.cue.text).toBe("لا صحة");
    expect(s.speaker.name).toBe("يحيى رسول");
    expect(s.speaker.role).toBe("المتحدث باسم الجيش");
  });

  it("an English denial phrase inside content makes it denied", () => {
    const s = one("A spokesman for the ministry said the reports were false.");
    expect(s.stance).toBe("denied");
    expect(s.cue.text).toBe("false");
  });

  it("hedged content from the outlet's own voice is unverified", () => {
    const s = one("يذكر أن هذه الغرف قد تكون بضوء أخضر من دمشق.", { outlet: { name: "تلفزيون الخبر" } });
    expect(s.stance).toBe("unverified");
    expect(s.cue.text).toBe("قد تكون");
    expect(s.speaker).toMatchObject({ name: "تلفزيون الخبر", kind: "outlet" });
  });

  it("reportedly in English content is unverified", () => {
    const s = one("Officials from the SDF said fighters had reportedly moved to the crossing.");
    expect(s.stance).toBe("unverified");
  });
});

describe("extractSuggestions: speakers", () => {
  it("matches a speaker to a known source through an alias and normalisation (قسد / لقسد / SDF)", () => {
    const ar = one("وقال المتحدث باسم قسد فرهاد شامي إن التحقيقات مستمرة.", { knownSources: [SDF, ARMY] });
    expect(ar.speaker).toMatchObject({ name: "فرهاد شامي", kind: "person", matchedSourceId: "sdf", matchedVia: "role", isNew: false });
    const en = one("The Syrian Democratic Forces (SDF) said the talks went well.", { knownSources: [SDF, ARMY] });
    expect(en.speaker).toMatchObject({ matchedSourceId: "sdf", isNew: false });
    const army = one("نفى الجيش العراقي الخبر جملة وتفصيلاً.", { knownSources: [SDF, ARMY] });
    expect(army.speaker).toMatchObject({ matchedSourceId: 7, matchedVia: "name" });
  });

  it("names a new English source without its article, whatever its case, and keeps the words as written as the surface", () => {
    const start = one("The Iraqi Ministry of Defence said the convoy reached Sinjar.");
    expect(start.speaker).toMatchObject({ name: "Iraqi Ministry of Defence", surface: "The Iraqi Ministry of Defence", isNew: true });
    const mid = one("Damascus rejected the report, the Syrian foreign ministry said.");
    expect(mid.speaker).toMatchObject({ name: "Syrian foreign ministry", isNew: true });
    const ar = one("قال الجيش التركي إن القصف استهدف مواقع عسكرية.");
    expect(ar.speaker.name).toBe("الجيش التركي"); // Arabic keeps ال: it is part of the name
  });

  it("prefers the more specific known source (media centre over the SDF itself)", () => {
    const centre: KnownSource = { id: "mc", name: "المركز الإعلامي لقوات سوريا الديمقراطية", aliases: ["المركز الإعلامي لقسد"], kind: "official_body" };
    const s = one("أعلن المركز الإعلامي التابع لقسد عن تشكيل مركز مشترك.", { knownSources: [SDF, centre] });
    expect(s.speaker.matchedSourceId).toBe("mc");
  });

  it("an unknown speaker is marked new", () => {
    const s = one("قالت هيئة المعابر إن المعبر مغلق.", { knownSources: [SDF] });
    expect(s.speaker).toMatchObject({ isNew: true, kind: "official_body" });
  });

  it("anonymous sources become a source of the outlet and make the claim unverified", () => {
    const s = one("أفادت مصادر مطلعة لـ«شبكة الرصد» أن القوات انسحبت من البلدة.");
    expect(s.speaker).toMatchObject({ name: "مصادر مطلعة (شبكة الرصد)", kind: "anonymous", isNew: true });
    expect(s.stance).toBe("unverified");
    expect(s.cue.text).toBe("مصادر مطلعة");
    expect(s.claimText).toBe("القوات انسحبت من البلدة");
  });

  it("anonymous sources without an addressee belong to the input outlet", () => {
    const s = one("Two sources familiar with the talks said the meeting took place on Saturday.", { outlet: { name: "Reuters" } });
    expect(s.speaker).toMatchObject({ name: "Two sources familiar with the talks (Reuters)", kind: "anonymous" });
    expect(s.stance).toBe("unverified");
  });

  it("carries the speaker over: 'وأضاف بالي' resolves to the earlier 'مصطفى بالي'", () => {
    const text = "وقال رئيس المركز الإعلامي مصطفى بالي إن الاجتماع كان تشاورياً.\nوأضاف بالي أن الطرفين اتفقا على آلية للتنسيق.";
    const r = extractSuggestions({ text });
    expect(r.suggestions.map((s) => s.speaker.name)).toEqual(["مصطفى بالي", "مصطفى بالي"]);
    expect(r.suggestions[1].speaker.resolvedFrom).toBe("بالي");
  });

  it("carries the speaker over when the verb has none: 'وأضافت المصادر' / 'وأضاف أن'", () => {
    const text = "أفادت مصادر خاصة للموقع أن الاجتماع انعقد.\nوأضافت المصادر أن القوات ستنتشر.\nوأضاف أن التدريب بدأ.";
    const r = extractSuggestions({ text, outlet: { name: "الموقع" } });
    expect(r.suggestions).toHaveLength(3);
    expect(new Set(r.suggestions.map((s) => s.speaker.name))).toEqual(new Set(["مصادر خاصة (الموقع)"]));
    expect(r.suggestions.every((s) => s.stance === "unverified")).toBe(true);
  });

  it("an English pronoun speaker resolves to the previous speaker", () => {
    const r = extractSuggestions({ text: "Mustafa Bali, a spokesman for the SDF, said the meeting was held. He added that talks would continue." });
    expect(r.suggestions[1].speaker.name).toBe("Mustafa Bali");
    expect(r.suggestions[1].claimText).toBe("talks would continue");
  });

  it("a participle (موضحاً) continues the speaker within the sentence and splits the content", () => {
    const r = extractSuggestions({ text: "وأكد الوزير خالد حسن أن الحدود آمنة، موضحاً أن الدوريات مستمرة." });
    expect(r.suggestions.map((s) => [s.cue.text, s.speaker.name, s.claimText])).toEqual([
      ["وأكد", "خالد حسن", "الحدود آمنة"],
      ["موضحاً", "خالد حسن", "الدوريات مستمرة"],
    ]);
  });

  it("a relayed denial is attributed to the denier, with the relay in `via`", () => {
    const s = one("نشرت وسائل إعلام عراقية نفياً من الجيش العراقي عن تشكيل مركز مشترك.", { knownSources: [ARMY] });
    expect(s.speaker.matchedSourceId).toBe(7);
    expect(s.stance).toBe("denied");
    expect(s.via).toBe("وسائل إعلام عراقية");
    expect(s.claimText).toBe("تشكيل مركز مشترك");
  });

  it("a headline with a verb but no object takes the other headline clause, attributed to the subject", () => {
    const r = extractSuggestions({ text: "انسحاب القوات التركية من البلدة .. وأنقرة تنفي!\nقالت مصادر محلية إن القوات انسحبت." });
    const h = r.suggestions.find((s) => s.headline)!;
    expect(h).toMatchObject({ stance: "denied", claimText: "انسحاب القوات التركية من البلدة" });
    expect(h.speaker.name).toBe("أنقرة");
    expect(h.cue.text).toBe("تنفي");
  });
});

describe("extractSuggestions: headline verbal noun with a nisba agent", () => {
  it("'نفي عراقي لتشكيل …' is a denial by Iraq of the object after لـ", () => {
    const r = extractSuggestions({ text: "نفي عراقي لتشكيل مركز مشترك مع قسد\nقال مصدر إن الخبر غير دقيق." });
    const h = r.suggestions.find((s) => s.headline)!;
    expect(h).toMatchObject({ stance: "denied", claimText: "تشكيل مركز مشترك مع قسد" });
    expect(h.speaker).toMatchObject({ name: "العراق", kind: "state" });
    expect(h.quote.text).toBe("تشكيل مركز مشترك مع قسد");
  });

  it("outside a headline the same words are not read as a statement", () => {
    const r = extractSuggestions({ text: "ورأى محللون أن نفي عراقي لتشكيل مركز مشترك أمر متوقع." });
    expect(r.suggestions.filter((s) => s.cue.text === "نفي")).toEqual([]);
  });
});

describe("extractSuggestions: output shape", () => {
  it("is deterministic", () => {
    const text = "قالت وزارة الدفاع إن طائرة مسيرة استهدفت مطار القامشلي فجر اليوم الثلاثاء.";
    expect(JSON.stringify(extractSuggestions({ text }))).toBe(JSON.stringify(extractSuggestions({ text })));
  });

  it("returns sentences, language and details", () => {
    const r = extractSuggestions({ text: "قالت وزارة الدفاع إن طائرة مسيرة استهدفت مطار القامشلي فجر اليوم الثلاثاء، ما أدى إلى إصابة ثلاثة عناصر." });
    expect(r.language).toBe("ar");
    expect(r.sentences).toHaveLength(1);
    expect(r.suggestions[0].details).toEqual({
      dates: ["فجر اليوم الثلاثاء"],
      places: ["مطار القامشلي", "القامشلي"],
      numbers: ["ثلاثة عناصر"],
      people: [],
    });
  });
});

describe("extractSuggestions: English apposition and capitalised non-verbs", () => {
  it("'Name, of Place, told X …' and 'Its curator, Name, said that …' take the name as speaker", () => {
    const a = extractSuggestions({ text: "Quinton Winter, of Station Road, told KentOnline he was stunned by the coverage." }).suggestions[0];
    expect(a.speaker.name).toBe("Quinton Winter");
    expect(a.claimText).toBe("he was stunned by the coverage");
    const b = extractSuggestions({ text: "Its curator, Quinton Winter, said that the image was a hoax." }).suggestions[0];
    expect(b.speaker).toMatchObject({ name: "Quinton Winter", kind: "person" });
    expect(b.claimText).toBe("the image was a hoax");
  });

  it("'the United States' is not the verb 'states'", () => {
    const r = extractSuggestions({ text: "Troops arrived in the United States at dawn." });
    expect(r.suggestions).toEqual([]);
  });
});
