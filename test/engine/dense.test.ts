import { describe, expect, it } from "vitest";
import { sentenceEncoder } from "../../src/encoder/sentence-encoder.ts";
import { cosineInt8, encoderText, quantizeVector, vectorNorm } from "../../src/engine/dense.ts";
import { ClaimIndex } from "../../src/engine/match.ts";
import { prng } from "../../scripts/train-common.ts";

const cos = (a: Int8Array, b: Int8Array) => cosineInt8(a, vectorNorm(a), b, vectorNorm(b));

describe("sentence vectors in the engine", () => {
  it("int8 vectors keep the cosine of the float vectors to within 0.01", () => {
    const rnd = prng(7);
    for (let t = 0; t < 200; t++) {
      const a = Array.from({ length: 512 }, () => rnd() - 0.5),
        b = a.map((x) => x * rnd() + (rnd() - 0.5) * 0.5);
      const dot = a.reduce((s, x, i) => s + x * b[i], 0),
        exact = dot / Math.hypot(...a) / Math.hypot(...b);
      expect(Math.abs(cos(quantizeVector(a), quantizeVector(b)) - exact)).toBeLessThan(0.01);
    }
    expect(cos(quantizeVector([0, 0]), quantizeVector([1, 0]))).toBe(0); // a zero vector is similar to nothing
  });

  it("embeds English only: the first mostly-Latin text, without URLs; Arabic has no vector", () => {
    expect(encoderText("قسد والجيش العراقي يشكلان مركزاً مشتركاً")).toBeUndefined();
    expect(encoderText("قسد والجيش العراقي يشكلان مركزاً مشتركاً", "The SDF and the Iraqi army form a joint centre")).toBe(
      "The SDF and the Iraqi army form a joint centre",
    );
    expect(encoderText("Whale prison found pic.twitter.com/gkZBVmYwVp https://t.co/x")).toBe("Whale prison found");
    expect(encoderText("OK")).toBeUndefined(); // too short to say anything
  });

  it("ranks by the dense model when the query and candidates have vectors, and by the lexical one otherwise", () => {
    // rerankers that each look at one thing, so the test shows which one ranked the list
    const idx = new ClaimIndex({ reranker: { weights: { bm25Rel: 1 } }, denseReranker: { weights: { dense: 1 } } });
    idx.add("words", "army border centre army border centre");
    idx.add("meaning", "army border");
    idx.setVector("words", quantizeVector([0, 1, 0]));
    idx.setVector("meaning", quantizeVector([1, 0.1, 0]));
    const q = "army border centre";
    expect(idx.search(q, 2).map((r) => r.id)).toEqual(["words", "meaning"]);
    const dense = idx.search(q, 2, { vector: quantizeVector([1, 0, 0]) });
    expect(dense.map((r) => r.id)).toEqual(["meaning", "words"]);
    expect(dense[0].reasons.join(" ")).toMatch(/sentence meaning similarity 0\.99/);
    expect(idx.search(q, 2)[0].reasons.join(" ")).not.toMatch(/sentence meaning/);
    expect(idx.candidateIds(q).sort()).toEqual(["meaning", "words"]);
  });

  it("gives a candidate without a vector the list's mean similarity, and forgets a vector when the claim is re-added", () => {
    const idx = new ClaimIndex({ denseReranker: { weights: { dense: 1 } } });
    idx.add("a", "army border centre");
    idx.add("b", "army border centre talks");
    idx.add("c", "army border centre meeting");
    idx.setVector("a", quantizeVector([1, 0]));
    idx.setVector("b", quantizeVector([0, 1]));
    const order = idx.search("army border centre", 3, { vector: quantizeVector([1, 0]) }).map((r) => r.id);
    expect(order).toEqual(["a", "c", "b"]); // c (no vector) sits at the mean, between 1 and 0
    expect(idx.hasVector("a")).toBe(true);
    idx.add("a", "army border centre, corrected");
    expect(idx.hasVector("a")).toBe(false);
    idx.setVector("missing", quantizeVector([1, 0])); // unknown id: ignored
    expect(idx.hasVector("missing")).toBe(false);
  });

  it("the real encoder puts a paraphrase nearer than an unrelated sentence, deterministically", async () => {
    const enc = await sentenceEncoder();
    expect(enc).not.toBeNull();
    const texts = [
      "The SDF and the Iraqi army opened a joint border coordination centre.",
      "Kurdish-led forces and Iraqi troops set up a shared command post on the frontier.",
      "A viral video shows a man punching a kangaroo to save his dog.",
    ];
    const [a, b, c] = await enc!.embed(texts);
    expect(a.length).toBe(512);
    expect(cos(a, b)).toBeGreaterThan(cos(a, c) + 0.3);
    const again = await enc!.embed([texts[0]]);
    expect(Array.from(again[0])).toEqual(Array.from(a)); // batch or alone, same vector
  }, 60_000);
});
