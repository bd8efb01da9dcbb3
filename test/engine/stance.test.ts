import { describe, expect, it } from "vitest";
import { classifyStance, STANCE_LABELS, type StanceResult } from "../../src/engine/stance.ts";
import { findCues, sentenceSpans, tokens } from "../../src/engine/stance-text.ts";

const CLAIM_AR = "تشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود";
const CLAIM_EN = "The Iraqi army and the SDF formed a joint border coordination centre";

function check(r: StanceResult, text: string) {
  // probabilities are a distribution and the label is the most probable one
  const sum = STANCE_LABELS.reduce((a, l) => a + r.probs[l], 0);
  expect(sum).toBeCloseTo(1, 6);
  for (const l of STANCE_LABELS) expect(r.probs[l]).toBeGreaterThanOrEqual(0);
  expect(Math.max(...STANCE_LABELS.map((l) => r.probs[l]))).toBeCloseTo(r.probs[r.label], 12);
  expect(r.score).toBe(r.probs[r.label]);
  // the sentence relied on is verbatim from the text
  if (r.sentence !== undefined) expect(text.includes(r.sentence)).toBe(true);
  expect(r.reasons.length).toBeGreaterThan(0);
}

describe("classifyStance — founding example", () => {
  it("reads the Iraqi army's denial as denied, quoting the denial cue and sentence", () => {
    const text = "نشرت وسائل إعلام نفياً من الجيش العراقي عن تشكيل مركز مشترك لإدارة العمليات مع قوات سوريا الديمقراطية";
    const r = classifyStance(CLAIM_AR, text);
    check(r, text);
    expect(r.label).toBe("denied");
    expect(r.sentence).toBe(text);
    expect(r.reasons.some((x) => x.includes("نفياً"))).toBe(true);
  });
});

describe("classifyStance — Arabic cue families", () => {
  const denials = [
    "نفى الجيش العراقي تشكيل مركز مشترك مع قسد لحماية الحدود.",
    "الجيش العراقي ينفي تشكيل مركز مشترك مع قسد لحماية الحدود.",
    "نفت قيادة العمليات المشتركة تشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود.",
    "قال متحدث إنه لا صحة لتشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود.",
    "خبر تشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود عارٍ عن الصحة.",
    "كذّب الجيش العراقي الأنباء عن تشكيل مركز مشترك مع قسد لحماية الحدود.",
  ];
  for (const text of denials)
    it(`denied: ${text.slice(0, 40)}…`, () => {
      const r = classifyStance(CLAIM_AR, text);
      check(r, text);
      expect(r.label).toBe("denied");
      expect(r.reasons.some((x) => x.startsWith("denial cue"))).toBe(true);
    });

  const hedged = [
    "قالت مصادر خاصة إن الجيش العراقي وقسد اتفقا على تشكيل مركز مشترك لحماية الحدود.",
    "بحسب مصادر مطلعة، تم تشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود.",
    "وفق أنباء متداولة، جرى تشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود.",
    "نقلاً عن مصدر محلي، تم تشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود.",
  ];
  for (const text of hedged)
    it(`unverified: ${text.slice(0, 40)}…`, () => {
      const r = classifyStance(CLAIM_AR, text);
      check(r, text);
      expect(r.label).toBe("unverified");
    });

  it("anonymous private sources are named in the reason", () => {
    const text = "قالت مصادر خاصة إن الجيش العراقي وقسد اتفقا على تشكيل مركز مشترك لحماية الحدود.";
    const r = classifyStance(CLAIM_AR, text);
    expect(r.reasons.some((x) => x.includes("مصادر خاصة"))).toBe(true);
  });

  it("asserted: an announcement", () => {
    const text = "أعلن المركز الإعلامي لقوات سوريا الديمقراطية تشكيل مركز مشترك مع الجيش العراقي لحماية الحدود.";
    const r = classifyStance(CLAIM_AR, text);
    check(r, text);
    expect(r.label).toBe("asserted");
    expect(r.reasons.some((x) => x.includes("أعلن"))).toBe(true);
  });

  it("asserted: a confirmation", () => {
    const text = "أكد مصطفى بالي تشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود.";
    const r = classifyStance(CLAIM_AR, text);
    check(r, text);
    expect(r.label).toBe("asserted");
  });

  it("unrelated: a text about something else", () => {
    const text = "ارتفعت أسعار الذهب في الأسواق المحلية مع تراجع الطلب على الدولار خلال الأسبوع الماضي.";
    const r = classifyStance(CLAIM_AR, text);
    check(r, text);
    expect(r.label).toBe("unrelated");
    expect(r.reasons[0]).toMatch(/^low overlap with the claim: 0\.\d\d/);
  });
});

describe("classifyStance — English cue families", () => {
  const denials = [
    "The Iraqi army denied that a joint border coordination centre had been formed with the SDF.",
    "Iraqi officials refute reports that the army and the SDF formed a joint border coordination centre.",
    "There is no truth to reports that the Iraqi army and the SDF formed a joint border centre, a spokesman said.",
    "The story that the Iraqi army and the SDF formed a joint border coordination centre is fake.",
    "Claims that the Iraqi army and the SDF formed a joint border centre are a hoax, officials said.",
  ];
  for (const text of denials)
    it(`denied: ${text.slice(0, 50)}…`, () => {
      const r = classifyStance(CLAIM_EN, text);
      check(r, text);
      expect(r.label).toBe("denied");
    });

  const hedged = [
    "According to sources, the Iraqi army and the SDF formed a joint border coordination centre.",
    "The Iraqi army and the SDF reportedly formed a joint border coordination centre.",
    "Sources said the Iraqi army and the SDF formed a joint border coordination centre, but this is unconfirmed.",
    "The Iraqi army and the SDF allegedly formed a joint border coordination centre.",
  ];
  for (const text of hedged)
    it(`unverified: ${text.slice(0, 50)}…`, () => {
      const r = classifyStance(CLAIM_EN, text);
      check(r, text);
      expect(r.label).toBe("unverified");
    });

  it("asserted: an announcement", () => {
    const text = "The SDF media centre announced on Sunday that it formed a joint border coordination centre with the Iraqi army.";
    const r = classifyStance(CLAIM_EN, text);
    check(r, text);
    expect(r.label).toBe("asserted");
    expect(r.reasons.some((x) => x.includes("'announced'"))).toBe(true);
  });

  it("unrelated: a text about something else", () => {
    const text = "Apple released a new phone with a better camera and a longer battery life on Tuesday.";
    const r = classifyStance(CLAIM_EN, text);
    check(r, text);
    expect(r.label).toBe("unrelated");
  });

  it("a negative claim agreed with by a denial is asserted, not denied", () => {
    const claim = "The Iraqi army denies forming a joint border centre with the SDF";
    const text = "The Iraqi army denied on Sunday that it had formed a joint border centre with the SDF.";
    const r = classifyStance(claim, text);
    check(r, text);
    expect(r.label).toBe("asserted");
  });
});

describe("classifyStance — negative claims", () => {
  it("a plain statement of what a negative claim denies contradicts it (denied)", () => {
    const claim = "The Iraqi army did not form a joint border centre with the SDF";
    const text = "The Iraqi army formed a joint border centre with the SDF on Sunday.";
    const r = classifyStance(claim, text);
    check(r, text);
    expect(r.label).toBe("denied");
    expect(r.reasons.some((x) => x.startsWith("the claim is negative but the text carries no denial cue"))).toBe(true);
  });

  it("Arabic: a denial agreeing with a negative claim is asserted", () => {
    const claim = "الجيش العراقي ينفي تشكيل مركز مشترك مع قسد";
    const text = "نفى الجيش العراقي تشكيل مركز مشترك مع قسد لحماية الحدود.";
    const r = classifyStance(claim, text);
    check(r, text);
    expect(r.label).toBe("asserted");
  });

  it("'no' that is not a negation of the claim does not make the claim negative", () => {
    const claim = "No joke: five-year-old billed for missing a friend's birthday party";
    const text = "A five-year-old was billed for missing a friend's birthday party, his father confirmed.";
    const r = classifyStance(claim, text);
    check(r, text);
    expect(r.label).toBe("asserted");
    expect(r.reasons.some((x) => x.startsWith("the claim itself is negative"))).toBe(false);
  });
});

describe("classifyStance — long texts", () => {
  it("picks the sentence carrying the denial from a multi-sentence report, verbatim", () => {
    const text =
      "Heavy fighting continued in rural Deir ez-Zor on Saturday, residents said.\n\n" +
      "Markets in Hasakah reopened after a week of closures. Prices of bread rose again.\n" +
      "The Iraqi army on Sunday denied that any joint border coordination centre had been formed with the SDF, calling the reports false.\n" +
      "Meanwhile, the coalition continued patrols near al-Shaddadi.";
    const r = classifyStance(CLAIM_EN, text);
    check(r, text);
    expect(r.label).toBe("denied");
    expect(r.sentence).toContain("denied that any joint border");
  });

  it("handles empty inputs without throwing", () => {
    expect(classifyStance("", "").label).toBe("unrelated");
    expect(classifyStance(CLAIM_EN, "").label).toBe("unrelated");
    expect(classifyStance("", "Some text.").label).toBe("unrelated");
  });
});

describe("stance text helpers", () => {
  it("sentence spans are verbatim substrings at their offsets", () => {
    const text = "  First one. Second? Third!\nFourth line؟ خامسة.  ";
    const spans = sentenceSpans(text);
    expect(spans.map((s) => s.text)).toEqual(["First one.", "Second?", "Third!", "Fourth line؟", "خامسة."]);
    for (const s of spans) expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });

  it("finds Arabic cues through clitics and diacritics, and the longest cue first", () => {
    const fams = (t: string) => findCues(tokens(t).cue).map((h) => `${h.family}:${h.cue}`);
    expect(fams("ونفى المتحدث")).toContain("refute:نفي");
    expect(fams("نفياً")).toContain("refute:نفيا");
    expect(fams("قالت مصادر خاصة")).toContain("anon:مصادر خاصه");
    expect(fams("according to sources")).toContain("hedge:according to");
    expect(fams("the weather is nice")).toEqual([]);
  });
});

describe("classifyStance — Arabic debunks as an analyst reads them", () => {
  // Written for this test (not evaluation rows): an official account answering a rumour.
  it("'لا صحة لما يتم تداوله' in a ministry's tweet denies the rumour, and says which sentence", () => {
    const claim = "وفاة الفنان سامي يوسف إثر نوبة قلبية مفاجئة";
    const text = "تنويه: لا صحة لما يتم تداوله عن وفاة الفنان سامي يوسف. الفنان بخير ويتمتع بصحة جيدة.";
    const r = classifyStance(claim, text);
    check(r, text);
    expect(r.label).toBe("denied");
    expect(r.sentence).toContain("لا صحة");
    expect(r.reasons.join(" ")).toMatch(/denial cue|rumour-debunk cue/);
  });

  it("a hedged rumour ('أنباء عن …') is denied by the authority's own denial, not merely discussed", () => {
    const claim = "أنباء عن إغلاق معبر نصيب الحدودي أمام حركة الشاحنات";
    const text = "تنفي وزارة الداخلية ما تم تداوله حول إغلاق معبر نصيب الحدودي، وتؤكد أن المعبر يعمل بشكل طبيعي.";
    const r = classifyStance(claim, text);
    check(r, text);
    expect(r.label).toBe("denied");
  });

  it("reads 'عارٍ عن الصحة' and 'خبر كاذب' through diacritics, tatweel and ta marbuta", () => {
    const claim = "اعتقال رئيس بلدية الرقة على يد قوات الأمن";
    for (const text of [
      "الخبـــر المتداول عن اعتقال رئيس بلدية الرقة عارٍ عن الصحه جملةً وتفصيلاً.",
      "#عاجل | خبر كاذب: لم يتم اعتقال رئيس بلدية الرقة، وهو يمارس عمله في مكتبه.",
    ]) {
      const r = classifyStance(claim, text);
      check(r, text);
      expect(r.label).toBe("denied");
    }
  });

  it("a fabricated video ('مفبرك') is a denial", () => {
    const claim = "فيديو يظهر قصف مدرسة في ريف إدلب صباح اليوم";
    const text = "الفيديو المنتشر عن قصف مدرسة في ريف إدلب مفبرك ويعود لعام 2016.";
    const r = classifyStance(claim, text);
    check(r, text);
    expect(r.label).toBe("denied");
  });

  it("anonymous, unconfirmed reporting leans to unverified", () => {
    const claim = "انسحاب القوات الروسية من مطار القامشلي";
    const text = "مصادر محلية: معلومات غير مؤكدة عن انسحاب القوات الروسية من مطار القامشلي خلال الليل.";
    const r = classifyStance(claim, text);
    check(r, text);
    expect(r.label).toBe("unverified");
  });

  it("circulating reports ('أنباء متداولة') are a hedge, not a debunk", () => {
    const claim = "تشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود";
    const text = "وفق أنباء متداولة، جرى تشكيل مركز مشترك بين الجيش العراقي وقسد لحماية الحدود.";
    expect(classifyStance(claim, text).label).toBe("unverified");
  });
});
