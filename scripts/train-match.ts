/**
 * Train the match reranker (models/match-rerank.json): a linear scorer over ClaimIndex's
 * first-stage candidate features, fitted with a pairwise logistic loss (relevant candidate vs
 * non-relevant candidate of the same query) on shared/eval/dev/clef-* ONLY.
 *
 *   npx tsx scripts/train-match.ts            # 5-fold CV report + write models/match-rerank.json
 *   npx tsx scripts/train-match.ts --cv-only  # report only
 *
 * Deterministic: fixed fold seed, full-batch gradient descent from zero.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ClaimIndex, RERANK_FEATURES } from "../src/engine/match.ts";
import { groupFolds, readJsonl } from "./train-common.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dev = join(root, "..", "shared", "eval", "dev");
const DEPTH = 30;
const L2 = 1e-3;
const ITERS = 400;
const SEED = 20260321;

interface Q { id: string; text: string; relevant: string[] }
const corpus = readJsonl<{ id: string; text: string }>(join(dev, "clef-corpus.jsonl"));
const queries = readJsonl<Q>(join(dev, "clef-queries.jsonl"));

const idx = new ClaimIndex({ rerankDepth: 0 });
for (const c of corpus) idx.add(c.id, c.text);
const data = queries.map((q) => {
  const rel = new Set(q.relevant);
  const cands = idx.candidates(q.text, DEPTH).map((c) => ({ ...c, rel: rel.has(c.id) }));
  return { q, rel, cands };
});
const F = RERANK_FEATURES.length;

function train(rows: typeof data): number[] {
  const pairs: Array<[number[], number[]]> = [];
  for (const r of rows) {
    const pos = r.cands.filter((c) => c.rel), neg = r.cands.filter((c) => !c.rel);
    for (const p of pos) for (const n of neg) pairs.push([p.feats, n.feats]);
  }
  const w = new Array<number>(F).fill(0);
  const m = new Array<number>(F).fill(0), v = new Array<number>(F).fill(0);
  const lr = 0.05;
  for (let it = 1; it <= ITERS; it++) {
    const g = new Array<number>(F).fill(0);
    for (const [p, n] of pairs) {
      let s = 0;
      for (let j = 0; j < F; j++) s += w[j] * (p[j] - n[j]);
      const coef = -1 / (1 + Math.exp(s));
      for (let j = 0; j < F; j++) g[j] += coef * (p[j] - n[j]);
    }
    for (let j = 0; j < F; j++) {
      const gj = g[j] / Math.max(1, pairs.length) + L2 * w[j];
      m[j] = 0.9 * m[j] + 0.1 * gj;
      v[j] = 0.999 * v[j] + 0.001 * gj * gj;
      w[j] -= (lr * (m[j] / (1 - 0.9 ** it))) / (Math.sqrt(v[j] / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  return w;
}

function evaluate(rows: typeof data, w: number[] | null): { map5: number; recall5: number } {
  let map = 0, rec = 0;
  for (const r of rows) {
    const scored = r.cands.map((c, i) => ({ c, s: w ? c.feats.reduce((a, f, j) => a + f * w[j], 0) : -i }));
    scored.sort((x, y) => y.s - x.s);
    let hits = 0, ap = 0;
    scored.slice(0, 5).forEach((x, i) => {
      if (x.c.rel) {
        hits++;
        ap += hits / (i + 1);
      }
    });
    map += ap / Math.min(r.rel.size, 5);
    rec += hits / r.rel.size;
  }
  return { map5: map / rows.length, recall5: rec / rows.length };
}

const recallDepth = data.reduce((a, r) => a + r.cands.filter((c) => c.rel).length / r.rel.size, 0) / data.length;
console.log(`queries ${data.length}, corpus ${corpus.length}, recall@${DEPTH} of first stage ${recallDepth.toFixed(4)}`);
console.log(`first stage (BM25) on all dev:`, evaluate(data, null));
const folds = groupFolds(data.map((r) => r.q.id), 5, SEED);
let cvMap = 0, cvRec = 0;
for (let f = 0; f < 5; f++) {
  const w = train(data.filter((_, i) => folds[i] !== f));
  const test = data.filter((_, i) => folds[i] === f);
  const e = evaluate(test, w);
  cvMap += e.map5 * test.length;
  cvRec += e.recall5 * test.length;
}
const cv = { map5: cvMap / data.length, recall5: cvRec / data.length };
console.log(`reranked, 5-fold CV held-out:`, cv);
if (!process.argv.includes("--cv-only")) {
  const w = train(data);
  console.log(`reranked, trained on all (optimistic):`, evaluate(data, w));
  const weights = Object.fromEntries(RERANK_FEATURES.map((n, j) => [n, Math.round(w[j] * 1e5) / 1e5]));
  writeFileSync(
    join(root, "models", "match-rerank.json"),
    JSON.stringify({ note: "npx tsx scripts/train-match.ts — pairwise logistic reranker over ClaimIndex candidate features", trainedOn: "shared/eval/dev/clef-queries.jsonl + clef-corpus.jsonl", depth: DEPTH, cv, weights }, null, 2) + "\n",
  );
  console.log(weights);
}
