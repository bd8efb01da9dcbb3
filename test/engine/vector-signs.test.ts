/**
 * The sign-bit shortlist of the nearest-vector scan (vector-signs.ts): in a large store the
 * nearest vectors are found through it and come out as the exact scan finds them.
 */
import { describe, expect, it } from "vitest";
import { quantizeVector } from "../../src/engine/dense.ts";
import { ClaimIndex } from "../../src/engine/match.ts";
import { VectorSigns } from "../../src/engine/vector-signs.ts";
import { prng } from "../../src/util/prng.ts";

const DIM = 512;

/** Random unit-ish directions, and near copies of some of them (a paraphrase's vector). */
function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
}
const randomVector = (rnd: () => number) => Array.from({ length: DIM }, () => gaussian(rnd));
const near = (v: number[], rnd: () => number, noise: number) => v.map((x) => x + noise * gaussian(rnd));

describe("the sign-bit shortlist", () => {
  it("holds the vectors nearest by cosine, and only the marked ones when asked", () => {
    const rnd = prng(11);
    const signs = new VectorSigns();
    const stored = Array.from({ length: 3000 }, () => randomVector(rnd));
    stored.forEach((v, d) => signs.set(d, quantizeVector(v), d % 2 === 0));
    for (const target of [5, 800, 2999]) {
      const q = quantizeVector(near(stored[target], rnd, 0.6));
      const list = signs.shortlist(q, 40, false);
      expect(list.length).toBeGreaterThanOrEqual(40);
      expect(list.length).toBeLessThan(200);
      expect(list).toContain(target);
    }
    const marked = signs.shortlist(quantizeVector(near(stored[10], rnd, 0.6)), 40, true);
    expect(marked).toContain(10);
    expect(marked.every((d) => d % 2 === 0)).toBe(true);
    signs.clear(10);
    expect(signs.shortlist(quantizeVector(stored[10]), 40, true)).not.toContain(10);
  });

  it("gives way to the exact scan when vectors of two lengths are stored", () => {
    const signs = new VectorSigns();
    signs.set(0, quantizeVector([1, 0, 0]));
    expect(signs.usable).toBe(true);
    signs.set(1, quantizeVector(Array.from({ length: 40 }, (_, i) => i)));
    expect(signs.usable).toBe(false);
    expect(signs.shortlist(quantizeVector([1, 0, 0]), 5, false)).toEqual([]);
  });

  // What a shortlist can change is the order far below the nearest (random vectors' cosines near 0).
  it("finds across languages in a large store the nearest claim the exact scan finds", () => {
    const rnd = prng(3);
    const vectors = Array.from({ length: 2500 }, () => randomVector(rnd));
    const build = (exactScanMax: number) => {
      const idx = new ClaimIndex({ exactScanMax, xlingReranker: { weights: { dense: 1 } } });
      vectors.forEach((v, i) => {
        idx.add(`en-${i}`, `report number ${i} on the situation in the region`);
        idx.setVector(`en-${i}`, quantizeVector(v));
      });
      return idx;
    };
    const exact = build(Infinity);
    const shortlisted = build(100); // 2,500 vectors: above it, so the shortlist is used
    for (const target of [17, 1200, 2450]) {
      const vector = quantizeVector(near(vectors[target], rnd, 0.7));
      const q = "تقرير عن الوضع في المنطقة";
      const a = exact.search(q, 5, { vector }).map((h) => h.id);
      const b = shortlisted.search(q, 5, { vector }).map((h) => h.id);
      expect(a[0]).toBe(`en-${target}`);
      expect(b[0]).toBe(a[0]);
    }
  });
});
