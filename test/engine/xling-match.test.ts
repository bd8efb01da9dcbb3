/** ClaimIndex across languages: nearest vectors join the first stage for Arabic queries and Arabic claims only. */
import { describe, expect, it } from "vitest";
import { quantizeVector, scriptOf } from "../../src/engine/dense.ts";
import { ClaimIndex, crossLanguageSimilarity } from "../../src/engine/match.ts";

describe("matching across languages by sentence vectors", () => {
  const build = () => {
    // rerankers that each look at one thing, so the test shows which one ranked the list
    const idx = new ClaimIndex({ reranker: { weights: { bm25Rel: 1 } }, denseReranker: { weights: { bm25Rel: 1 } }, xlingReranker: { weights: { dense: 1 } } });
    idx.add("en-flood", "Heavy rain flooded the tents of displaced families in the camp");
    idx.add("en-cholera", "The ministry reported new cholera cases in the camp");
    idx.add("ar-base", "انسحبت القوات الأمريكية من القاعدة");
    idx.setVector("en-flood", quantizeVector([1, 0, 0]));
    idx.setVector("en-cholera", quantizeVector([0, 1, 0]));
    idx.setVector("ar-base", quantizeVector([0, 0, 1]));
    return idx;
  };

  it("finds an English claim for an Arabic query that shares no word with it, and says it is the same meaning across languages", () => {
    const idx = build();
    const q = "هطلت أمطار غزيرة على الخيام ليلا";
    expect(idx.search(q, 3)).toEqual([]); // by words alone, nothing
    const hits = idx.search(q, 3, { vector: quantizeVector([0.95, 0.1, 0.05]) });
    expect(hits[0].id).toBe("en-flood");
    // the shown similarity is the cosine on the English encoder's scale (crossLanguageSimilarity)
    expect(hits[0].reasons[0]).toBe(`same meaning across languages, similarity ${crossLanguageSimilarity(0.99).toFixed(2)}`);
    expect(hits[0].reasons).toContain("found by meaning, not by shared words");
    const low = hits.find((h) => h.id === "en-cholera")!;
    expect(low.reasons[0]).toMatch(/^meaning similarity across languages 0\.\d\d$/);
  });

  it("finds an Arabic claim for an English query by meaning, but leaves English-to-English retrieval to words", () => {
    const idx = build();
    const hits = idx.search("US troops left the base", 3, { vector: quantizeVector([0, 0.1, 1]) });
    expect(hits.map((h) => h.id)).toContain("ar-base");
    expect(hits[0].id).toBe("ar-base");
    // an English query with no shared words reaches no English claim through vectors
    const en = idx.search("Storm water inundated shelters", 3, { vector: quantizeVector([1, 0, 0]) });
    expect(en.map((h) => h.id)).not.toContain("en-flood");
  });

  it("excludes the claim being matched from the nearest vectors", () => {
    const idx = build();
    const hits = idx.search("انسحبت القوات الأمريكية من القاعدة", 5, { vector: quantizeVector([0, 0, 1]), exclude: "ar-base" });
    expect(hits.map((h) => h.id)).not.toContain("ar-base");
  });

  it("tells the scripts apart", () => {
    expect(scriptOf("قسد والجيش العراقي")).toBe("ar");
    expect(scriptOf("The SDF and the Iraqi army")).toBe("en");
    expect(scriptOf("قسد والجيش العراقي\nThe SDF and the Iraqi army")).toBe("mixed");
  });
});
