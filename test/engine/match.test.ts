import { describe, expect, it } from "vitest";
import { ClaimIndex, cleanForMatch } from "../../src/engine/match.ts";
import { EntityDictionary, defaultEntities } from "../../src/engine/entities.ts";

function store(): ClaimIndex {
  const idx = new ClaimIndex();
  idx.add("c1", "قسد والجيش العراقي يشكلان مركزاً مشتركاً لتنسيق أمن الحدود في دير الزور");
  idx.add("c2", "ارتفاع أسعار النفط في الأسواق العالمية");
  idx.add("c3", "The international coalition trains a new border force at al-Shaddadi");
  idx.add("c4", "تنظيم الدولة يتبنى هجوماً على حاجز في الحسكة");
  idx.add("c5", "Turkey shells villages near Manbij");
  return idx;
}

describe("ClaimIndex", () => {
  it("finds a cross-language match through entity aliases (SDF ~ قسد)", () => {
    const res = store().search("SDF and Iraqi army set up joint border centre in Deir ez-Zor", 3);
    expect(res[0].id).toBe("c1");
    expect(res[0].reasons.join(" ")).toContain("shared entities: SDF, Iraqi army");
  });
  it("finds cross-spelling Arabic paraphrases (hamza, ta marbuta, tashkeel, clitics)", () => {
    expect(store().search("إرتفاع اسعار النِّفط عالمياً", 1)[0].id).toBe("c2");
    expect(store().search("داعش يتبنى الهجوم على حاجز بالحسكه", 1)[0].id).toBe("c4");
    expect(store().search("ISIS claims attack on Hasakah checkpoint", 1)[0].id).toBe("c4");
  });
  it("handles removal and replacement", () => {
    const idx = store();
    expect(idx.remove("c2")).toBe(true);
    expect(idx.remove("c2")).toBe(false);
    expect(idx.search("ارتفاع أسعار النفط", 5).map((r) => r.id)).not.toContain("c2");
    idx.add("c5", "أسعار النفط ترتفع");
    expect(idx.search("ارتفاع أسعار النفط", 1)[0].id).toBe("c5");
    expect(idx.size).toBe(4);
  });
  it("returns nothing for an empty index or unrelated text, and can exclude the query's own id", () => {
    expect(new ClaimIndex().search("anything")).toEqual([]);
    expect(store().search("zzzz qqqq", 5)).toEqual([]);
    const idx = store();
    expect(idx.search("Turkey shells villages near Manbij", 5, { exclude: "c5" }).map((r) => r.id)).not.toContain("c5");
  });
  it("uses run-time aliases", () => {
    const idx = new ClaimIndex({ entities: defaultEntities.withAliases({ sdf: ["Q.S.D."] }) });
    idx.add("x", "قسد تعلن السيطرة على قرية");
    idx.add("y", "مقتل مدنيين في قصف");
    expect(idx.search("Q.S.D. statement", 1)[0]?.id).toBe("x");
  });
  it("cleans tweets: URLs, pic links, trailer handle/date, hashtags", () => {
    const t = cleanForMatch("Wow #IranUsa strike pic.twitter.com/abc https://t.co/xyz — Some One (@someone) January 6, 2020");
    expect(t).not.toMatch(/http|pic\.twitter|@someone|2020/);
    expect(t).toContain("Iran Usa");
  });
});

describe("ClaimIndex reranker", () => {
  it("gives every first-stage candidate one value per reranker feature, list-relative ones ≤ 0", async () => {
    const { RERANK_FEATURES } = await import("../../src/engine/match.ts");
    const idx = new ClaimIndex();
    idx.add("a", "A video shows President Trump removing his hat and revealing that he is bald.");
    idx.add("b", "A photograph shows students wearing Trump campaign hats on a school bus.");
    idx.add("c", "Koalas are functionally extinct due to Australian bushfires.");
    const cands = idx.candidates("Trump takes off his hat on video, and he is bald! pic.twitter.com/x — Someone (@some1) April 21, 2019", 10);
    expect(cands.map((c) => c.id)).toContain("a");
    for (const c of cands) {
      expect(c.feats).toHaveLength(RERANK_FEATURES.length);
      for (const v of c.feats) expect(Number.isFinite(v)).toBe(true);
      RERANK_FEATURES.forEach((n, j) => n.endsWith("VsMax") && expect(c.feats[j]).toBeLessThanOrEqual(0));
    }
    expect(idx.search("Trump takes off his hat on video, and he is bald!", 1)[0].id).toBe("a");
  });
  it("scores boosted-tree models by feature name and refuses unknown features", async () => {
    const { rerankScorer, RERANK_FEATURES } = await import("../../src/engine/match.ts");
    const x: number[] = RERANK_FEATURES.map((n) => (n === "bias" ? 1 : 0));
    x[RERANK_FEATURES.indexOf("cosine")] = 0.8;
    const m = { kind: "boosted" as const, features: ["cosine"], weights: { bias: 1 }, trees: [[[0, 0.5, 1, 2], [-1], [2]]] };
    expect(rerankScorer(m)(x)).toBe(3);
    x[RERANK_FEATURES.indexOf("cosine")] = 0.2;
    expect(rerankScorer(m)(x)).toBe(0);
    expect(() => rerankScorer({ ...m, features: ["noSuchFeature"] })).toThrow(/unknown feature/);
  });
});

describe("ClaimIndex after an alias change", () => {
  it("when asked which claims mention a name, then it finds clitic and article forms, skips removed claims, and after re-adding them with the new dictionary the spellings match as one entity", () => {
    const index = new ClaimIndex();
    index.add("1", "قال المركز الإعلامي لروداو إن القوافل عبرت");
    index.add("2", "Rudaw said convoys crossed at Rabia");
    index.add("3", "Talks in Baghdad ended without agreement");
    index.add("4", "روداو: عبور القوافل");
    index.remove("4");
    const keys = ["روداو", "Rudaw"].map((n) => EntityDictionary.lookupKey(n)!);
    expect(index.claimsMentioning(keys)).toEqual(["1", "2"]);

    const before = index.search("روداو عبور", 3).find((r) => r.id === "2");
    index.setEntities(defaultEntities.withAliases({ "source:rudaw": ["Rudaw", "روداو"] }));
    for (const [id, text] of [
      ["1", "قال المركز الإعلامي لروداو إن القوافل عبرت"],
      ["2", "Rudaw said convoys crossed at Rabia"],
    ])
      index.add(id, text);
    const after = index.search("روداو عبور", 3).find((r) => r.id === "2");
    expect(before?.reasons.join(" ") ?? "").not.toContain("shared entities");
    expect(after?.reasons.join(" ")).toContain("shared entities: Rudaw");
  });
});
