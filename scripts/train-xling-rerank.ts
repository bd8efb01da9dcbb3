/**
 * `npx tsx scripts/train-xling-rerank.ts [STUDENT.bin]` — fit the cross-language reranker
 * (models/match-rerank-xling.json), which ranks the candidates of an Arabic query, or of a list
 * holding Arabic claims, in ClaimIndex.search: the sentence-vector cosine weighed with the
 * names, numbers, entities and concepts the two texts share.
 *
 * Honest by construction: the student used here was trained WITHOUT the news pairs of
 * Universal Dependencies Arabic-PUD it is fitted on (scripts/train-xling.ts holds every second
 * pair of that file out), so its cosines on those 500 pairs are what the committed student's
 * are on news it has never seen. Both directions are used: each Arabic sentence searching the
 * 500 English ones, and each English sentence searching the 500 Arabic ones. Pairwise logistic loss (the translation against
 * each other candidate of its list), L2-regularised, full-batch gradient descent. No
 * evaluation data is used.
 */
import { writeFileSync } from "node:fs";
import { embedWithCache } from "../src/encoder/cache.ts";
import { arabicStudent } from "../src/encoder/arabic-student.ts";
import { sentenceEncoder } from "../src/encoder/sentence-encoder.ts";
import { cosineInt8, encoderText, vectorNorm } from "../src/engine/dense.ts";
import { ClaimIndex, RERANK_FEATURES } from "../src/engine/match.ts";
import { heldOutOf, readPairs } from "./xling-data.ts";

const STUDENT = process.argv[2] ?? "models/xling-student.bin";
const OUT = process.argv[3] ?? "models/match-rerank-xling.json";
const DOMAIN = "ud_arabic_pud";

async function main(): Promise<void> {
  const enc = await sentenceEncoder();
  if (!enc) throw new Error("SENTENCE_ENCODER=off: training needs the English encoder");
  const student = arabicStudent(STUDENT);
  if (!student) throw new Error(`${STUDENT} not found: run scripts/train-xling.ts (which holds out ${DOMAIN}) first`);
  const all = readPairs();
  const held = heldOutOf(all, `${DOMAIN}:half`);
  const pairs = all.filter((_, i) => held[i]);
  const enVecs = await embedWithCache(
    enc,
    pairs.map((p) => encoderText(p.en) ?? p.en),
  );
  const arVecs = student.embed(pairs.map((p) => p.ar));

  // Calibration of the cosine between a student vector and an English one: the student is
  // trained for ranking, so its cosines with English vectors run lower than English–English
  // ones. Map them linearly so that the mean over translation pairs reads PARAPHRASE_COSINE (a
  // typical English-encoder cosine of two sentences stating the same thing) and the mean over
  // unrelated pairs reads what the English encoder gives unrelated English sentences.
  const PARAPHRASE_COSINE = 0.8;
  const cosOf = (a: Int8Array, b: Int8Array) => cosineInt8(a, vectorNorm(a), b, vectorNorm(b));
  let pos = 0,
    neg = 0,
    teacherNeg = 0,
    nNeg = 0;
  pairs.forEach((_, i) => {
    pos += cosOf(arVecs[i], enVecs[i]!);
    for (let k = 1; k <= 5; k++) {
      const j = (i + k * 37) % pairs.length;
      neg += cosOf(arVecs[i], enVecs[j]!);
      teacherNeg += cosOf(enVecs[i]!, enVecs[j]!);
      nNeg++;
    }
  });
  pos /= pairs.length;
  neg /= nNeg;
  teacherNeg /= nNeg;
  const alpha = (PARAPHRASE_COSINE - teacherNeg) / (pos - neg),
    beta = teacherNeg - alpha * neg;
  const calibrated = (c: number) => Math.max(-1, Math.min(1, alpha * c + beta));
  let tpAbove = 0,
    fpAbove = 0;
  pairs.forEach((_, i) => {
    if (calibrated(cosOf(arVecs[i], enVecs[i]!)) >= 0.6) tpAbove++;
    let best = -1;
    pairs.forEach((__, j) => {
      if (j !== i) best = Math.max(best, cosOf(arVecs[i], enVecs[j]!));
    });
    if (calibrated(best) >= 0.6) fpAbove++;
  });
  console.error(
    `calibration: raw cosine of translations ${pos.toFixed(3)}, of unrelated pairs ${neg.toFixed(3)} (English–English unrelated ${teacherNeg.toFixed(3)}) → similarity = ${alpha.toFixed(3)} × cosine + ${beta.toFixed(3)}; ` +
      `at similarity ≥ 0.6: ${tpAbove}/${pairs.length} translations, and for ${fpAbove}/${pairs.length} sentences the nearest non-translation`,
  );

  // one list per query: rows of features, and which row is the translation
  const lists: Array<{ feats: number[][]; gold: number; pair: number }> = [];
  let recallMiss = 0;
  for (const dir of ["ar→en", "en→ar"] as const) {
    const index = new ClaimIndex();
    pairs.forEach((p, i) => {
      index.add(String(i), dir === "ar→en" ? p.en : p.ar);
      const v = dir === "ar→en" ? enVecs[i] : arVecs[i];
      if (v) index.setVector(String(i), v);
    });
    pairs.forEach((p, i) => {
      const q = dir === "ar→en" ? p.ar : p.en;
      const qv = dir === "ar→en" ? arVecs[i] : enVecs[i];
      const cands = index.candidates(q, 30, qv);
      const gold = cands.findIndex((c) => c.id === String(i));
      if (gold < 0 || !cands[0]?.xling) {
        recallMiss++;
        return;
      }
      lists.push({ feats: cands.map((c) => c.feats), gold, pair: i });
    });
  }
  console.error(`${lists.length} lists (${recallMiss} queries whose translation is not among the candidates)`);

  // feature scale (standardise for the optimiser; weights are mapped back to raw features)
  const F = RERANK_FEATURES.length;
  const mu = new Float64Array(F),
    sd = new Float64Array(F);
  let n = 0;
  for (const l of lists)
    for (const x of l.feats) {
      n++;
      for (let j = 0; j < F; j++) mu[j] += x[j];
    }
  for (let j = 0; j < F; j++) mu[j] /= n;
  for (const l of lists) for (const x of l.feats) for (let j = 0; j < F; j++) sd[j] += (x[j] - mu[j]) ** 2;
  for (let j = 0; j < F; j++) sd[j] = Math.sqrt(sd[j] / n) || 1;
  const z = (x: number[]) => x.map((v, j) => (j === 0 ? 0 : (v - mu[j]) / sd[j]));
  const Z = lists.map((l) => ({ feats: l.feats.map(z), gold: l.gold }));

  // pairwise differences (translation − other candidate), flattened once per list
  const diffs = Z.map((l) => {
    const xg = l.feats[l.gold];
    const out = new Float64Array((l.feats.length - 1) * F);
    let r = 0;
    l.feats.forEach((xk, k) => {
      if (k === l.gold) return;
      for (let j = 0; j < F; j++) out[r * F + j] = xg[j] - xk[j];
      r++;
    });
    return out;
  });
  const fit = (train: number[], lambda: number, iters = 200) => {
    const w = new Float64Array(F);
    const lr = 0.5;
    for (let it = 0; it < iters; it++) {
      const g = new Float64Array(F);
      let pairsN = 0;
      for (const li of train) {
        const d = diffs[li];
        for (let r = 0; r < d.length; r += F) {
          let m = 0;
          for (let j = 0; j < F; j++) m += d[r + j] * w[j];
          const p = 1 / (1 + Math.exp(m)); // −d log σ(m) / dm
          for (let j = 0; j < F; j++) g[j] -= p * d[r + j];
          pairsN++;
        }
      }
      for (let j = 0; j < F; j++) w[j] -= lr * (g[j] / pairsN + lambda * w[j]);
    }
    return w;
  };
  const map5 = (test: typeof Z, w: Float64Array) => {
    let s = 0;
    for (const l of test) {
      const sc = l.feats.map((x) => x.reduce((a, v, j) => a + v * w[j], 0));
      const rank = sc.filter((v, k) => k !== l.gold && v > sc[l.gold]).length;
      if (rank < 5) s += 1 / (rank + 1);
    }
    return s / test.length;
  };
  // 5-fold CV over lists for the regularisation strength, then the dense cosine alone for scale
  const denseOnly = new Float64Array(F);
  denseOnly[RERANK_FEATURES.indexOf("dense")] = 1;
  let best = { lambda: 0, map: -1 };
  // folds by pair, so a sentence's two directions never sit on both sides
  const pairOf = lists.map((l) => l.pair);
  for (const lambda of [0.03, 0.003]) {
    let s = 0;
    for (let f = 0; f < 3; f++) {
      const tr = Z.flatMap((_, i) => (pairOf[i] % 3 !== f ? [i] : []));
      const w = fit(tr, lambda, 120);
      s += map5(
        Z.filter((_, i) => pairOf[i] % 3 === f),
        w,
      );
    }
    console.error(`lambda ${lambda}: CV MAP@5 ${(s / 3).toFixed(4)}`);
    if (s / 3 > best.map) best = { lambda, map: s / 3 };
  }
  console.error(`cosine alone: MAP@5 ${map5(Z, denseOnly).toFixed(4)} over the same lists`);
  const w = fit(
    Z.map((_, i) => i),
    best.lambda,
  );
  // back to raw features: w·(x−mu)/sd = Σ (w/sd)·x − const (the constant does not change a ranking)
  const weights: Record<string, number> = {};
  RERANK_FEATURES.forEach((name, j) => {
    if (j > 0 && w[j] !== 0) weights[name] = Math.round((w[j] / sd[j]) * 1e5) / 1e5;
  });
  writeFileSync(
    OUT,
    JSON.stringify(
      {
        kind: "linear",
        note: `npm run train:xling — pairwise-logistic cross-language reranker over ClaimIndex candidate features, fitted on ${DOMAIN} news pairs (both directions) with a student trained without them; 3-fold CV MAP@5 ${best.map.toFixed(3)} (lambda ${best.lambda})`,
        weights,
        calibration: {
          alpha: Math.round(alpha * 1e4) / 1e4,
          beta: Math.round(beta * 1e4) / 1e4,
          note: `student–English cosine → similarity on the English encoder's scale; translations ${pos.toFixed(3)} → ${PARAPHRASE_COSINE}, unrelated ${neg.toFixed(3)} → ${teacherNeg.toFixed(3)}`,
        },
      },
      null,
      1,
    ) + "\n",
  );
  console.error(`wrote ${OUT}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
