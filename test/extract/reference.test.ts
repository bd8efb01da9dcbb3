import { describe, expect, it } from "vitest";
import { partyMatches, statementReference } from "../../src/extract/reference.ts";
import { extractSuggestions } from "../../src/extract/extract.ts";

describe("statementReference: a stance on another party's statement", () => {
  it.each([
    ["The ministry's announcement is false", "asserted", { party: "ministry", stance: "denied" }],
    ["the report by the Syrian Observatory was not true", "asserted", { party: "Syrian Observatory", stance: "denied" }],
    ["the ministry's figures are accurate", "asserted", { party: "ministry", stance: "asserted" }],
    ["the army's account", "denied", { party: "army", stance: "denied" }],
    ["إعلان الوزارة كاذب", "asserted", { party: "الوزاره", stance: "denied" }],
    ["ما نشرته وكالة سانا عار عن الصحة", "asserted", { party: "وكاله سانا", stance: "denied" }],
    ["بيان قسد لا أساس له من الصحة", "asserted", { party: "قسد", stance: "denied" }],
    ["صحة ما أعلنته وزارة الدفاع", "denied", { party: "وزاره الدفاع", stance: "denied" }],
  ])("%s", (text, cue, want) => {
    expect(statementReference(text, cue)).toEqual(want);
  });

  it("leaves propositions alone", () => {
    expect(statementReference("300 families returned to Tal Abyad", "asserted")).toBeUndefined();
    expect(statementReference("تشكيل مركز مشترك مع الجيش العراقي", "denied")).toBeUndefined();
    expect(statementReference("The ministry's school in Raqqa reopened on Monday", "asserted")).toBeUndefined();
  });

  it("matches the party to a source by its words, in both scripts", () => {
    expect(partyMatches("ministry", ["Syrian Ministry of Local Administration"])).toBe(true);
    expect(partyMatches("الوزارة", ["وزارة الداخلية السورية"])).toBe(true);
    expect(partyMatches("ministry", ["Hussein Makhlouf"])).toBe(false);
  });
});

describe("speakers named in apposition and with a title's place", () => {
  const one = (text: string) => extractSuggestions({ text }).suggestions;

  it("English 'role, Name,' and 'Name, role,' give the person, not the whole phrase", () => {
    expect(one("The head of the Tal Abyad local council, Ahmed al-Hassan, said that no families had returned.")[0]).toMatchObject({
      claimText: "no families had returned",
      speaker: { name: "Ahmed al-Hassan", kind: "person" },
    });
    expect(one("Ahmed al-Hassan, head of the local council, said on Wednesday that no families had returned.")[0].speaker.name).toBe("Ahmed al-Hassan");
  });

  it("Arabic «رئيس المجلس المحلي في تل أبيض أحمد الحسن»: the name, and «الحسن» later resolves to it", () => {
    const s = one("وقال رئيس المجلس المحلي في تل أبيض أحمد الحسن إن أي عائلة لم تعد إلى المدينة هذا الشهر. وأضاف الحسن أن الطرق ما زالت مغلقة.");
    expect(s.map((x) => x.speaker.name)).toEqual(["أحمد الحسن", "أحمد الحسن"]);
  });

  it("«أعلنت X، يوم الخميس، إتمام صفقة … أُفرج بموجبها عن 12»: the later «عن» is inside the content", () => {
    const [s] = one("أعلنت وزارة الداخلية السورية، يوم الخميس 16 أيار، إتمام صفقة تبادل محتجزين مع فصائل مسلحة في ريف حلب، أُفرج بموجبها عن 12 محتجزاً.");
    expect(s.claimText).toBe("إتمام صفقة تبادل محتجزين مع فصائل مسلحة في ريف حلب، أُفرج بموجبها عن 12 محتجزاً");
    expect(s.speaker.name).toBe("وزارة الداخلية السورية");
  });

  it("a headline's bare 'Ministry says' is the ministry the body names in full", () => {
    const s = one(
      "Ministry says 300 families returned to Tal Abyad\n\nThe Syrian Ministry of Local Administration announced on Monday that 300 displaced families had returned to the town of Tal Abyad.",
    );
    expect(s.map((x) => x.speaker.name)).toEqual(["Syrian Ministry of Local Administration", "Syrian Ministry of Local Administration"]);
  });

  it("a one-word speaker ('al-Hassan') is the person the report names in full, even outside a frame", () => {
    const s = one('Ahmed al-Hassan has led the council since 2021. "The roads to the town are still closed," al-Hassan told reporters.');
    expect(s[0].speaker).toMatchObject({ name: "Ahmed al-Hassan", kind: "person", resolvedFrom: "al-Hassan" });
  });
});
