/**
 * Train the stance model (models/stance.json) on the FNC-1 dev file, with model selection by
 * GROUPED cross-validation (rows sharing a claim never straddle folds), and print the
 * grouped-CV figures (expected unseen performance) and full-dev figures.
 *
 *   npx tsx scripts/train-stance.ts [--data FILE.jsonl] [--out models/stance.json] [--quick]
 *
 * Deterministic: fixed seed, full-batch optimisation, no randomness in the model itself.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { FEATURE_NAMES, analyse } from "../src/engine/stance-features.ts";

type Label = "asserted" | "denied" | "unverified" | "unrelated";
const LABELS: Label[] = ["asserted", "denied", "unverified", "unrelated"];
const REL_LABELS = ["asserted", "denied", "unverified"] as const;

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const DATA = opt("--data", "/work/shared/eval/dev/fnc1-stance.jsonl");
const OUT = opt("--out", "models/stance.json");
const QUICK = args.includes("--quick");
const FOLDS = 5;
const REPEATS = QUICK ? 1 : 3;

// ------------------------------------------------------------------------------------------
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row { id: string; claim: string; text: string; label: Label }
const rows: Row[] = readFileSync(DATA, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const t0 = performance.now();
const X: number[][] = rows.map((r) => analyse(r.claim, r.text).features);
console.log(`features: ${rows.length} rows × ${FEATURE_NAMES.length} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const Y = rows.map((r) => LABELS.indexOf(r.label));

// ------------------------------------------------------------------------------------------
// standardisation
function fitScaler(idx: number[]) {
  const d = FEATURE_NAMES.length;
  const mean = new Array(d).fill(0);
  const std = new Array(d).fill(0);
  for (const i of idx) for (let j = 0; j < d; j++) mean[j] += X[i][j];
  for (let j = 0; j < d; j++) mean[j] /= idx.length;
  for (const i of idx) for (let j = 0; j < d; j++) std[j] += (X[i][j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j] / idx.length) || 1;
  return { mean, std };
}

// multinomial logistic regression (K classes; K = 2 handled as softmax too), weighted, L2, Adam
function trainSoftmax(xs: number[][], ys: number[], K: number, sw: number[], l2: number, iters = 600) {
  const d = xs[0].length;
  const W = Array.from({ length: K }, () => new Array(d).fill(0));
  const b = new Array(K).fill(0);
  const mW = W.map((r) => r.map(() => 0));
  const vW = W.map((r) => r.map(() => 0));
  const mb = new Array(K).fill(0);
  const vb = new Array(K).fill(0);
  const lr = 0.05;
  const b1 = 0.9;
  const b2 = 0.999;
  const swSum = sw.reduce((a, c) => a + c, 0);
  for (let it = 1; it <= iters; it++) {
    const gW = W.map((r) => r.map(() => 0));
    const gb = new Array(K).fill(0);
    for (let n = 0; n < xs.length; n++) {
      const x = xs[n];
      const z = b.slice();
      for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) z[k] += W[k][j] * x[j];
      const mx = Math.max(...z);
      let s = 0;
      for (let k = 0; k < K; k++) { z[k] = Math.exp(z[k] - mx); s += z[k]; }
      for (let k = 0; k < K; k++) {
        const g = (sw[n] * (z[k] / s - (ys[n] === k ? 1 : 0))) / swSum;
        gb[k] += g;
        for (let j = 0; j < d; j++) gW[k][j] += g * x[j];
      }
    }
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) {
        const g = gW[k][j] + l2 * W[k][j];
        mW[k][j] = b1 * mW[k][j] + (1 - b1) * g;
        vW[k][j] = b2 * vW[k][j] + (1 - b2) * g * g;
        W[k][j] -= (lr * (mW[k][j] / (1 - b1 ** it))) / (Math.sqrt(vW[k][j] / (1 - b2 ** it)) + 1e-8);
      }
      mb[k] = b1 * mb[k] + (1 - b1) * gb[k];
      vb[k] = b2 * vb[k] + (1 - b2) * gb[k] * gb[k];
      b[k] -= (lr * (mb[k] / (1 - b1 ** it))) / (Math.sqrt(vb[k] / (1 - b2 ** it)) + 1e-8);
    }
  }
  return { W, b };
}

interface Config { l2Rel: number; l2St: number; deniedBoost: number; relOffset: number; deniedOffset: number }

interface Fitted {
  mean: number[]; std: number[];
  related: { w: number[]; b: number };
  stance: { W: number[][]; b: number[] };
  offsets: number[];
  relOffset: number;
}

function fit(idx: number[], cfg: Config): Fitted {
  const { mean, std } = fitScaler(idx);
  const xs = idx.map((i) => X[i].map((v, j) => (v - mean[j]) / std[j]));
  // stage 1: related (1) vs unrelated (0); balanced weights
  const yr = idx.map((i) => (Y[i] === 3 ? 0 : 1));
  const nRel = yr.reduce((a, c) => a + c, 0);
  const swR = yr.map((y) => (y ? idx.length / (2 * nRel) : idx.length / (2 * (idx.length - nRel))));
  const r = trainSoftmax(xs, yr, 2, swR, cfg.l2Rel);
  const related = { w: r.W[1].map((v, j) => v - r.W[0][j]), b: r.b[1] - r.b[0] };
  // stage 2: among related rows, class-weighted
  const relIdx = idx.map((i, n) => [i, n]).filter(([i]) => Y[i] !== 3);
  const ys = relIdx.map(([i]) => Y[i]);
  const counts = [0, 0, 0];
  for (const y of ys) counts[y]++;
  const sw = ys.map((y) => (ys.length / (3 * counts[y])) * (y === 1 ? cfg.deniedBoost : 1));
  const st = trainSoftmax(relIdx.map(([, n]) => xs[n]), ys, 3, sw, cfg.l2St);
  return { mean, std, related, stance: st, offsets: [0, cfg.deniedOffset, 0], relOffset: cfg.relOffset };
}

function predict(m: Fitted, x: number[]): number[] {
  const xs = x.map((v, j) => (v - m.mean[j]) / m.std[j]);
  let zr = m.related.b + m.relOffset;
  for (let j = 0; j < xs.length; j++) zr += m.related.w[j] * xs[j];
  const pr = 1 / (1 + Math.exp(-zr));
  const z = m.stance.W.map((row, k) => row.reduce((a, w, j) => a + w * xs[j], m.stance.b[k] + m.offsets[k]));
  const mx = Math.max(...z);
  const e = z.map((v) => Math.exp(v - mx));
  const s = e.reduce((a, c) => a + c, 0);
  return [pr * (e[0] / s), pr * (e[1] / s), pr * (e[2] / s), 1 - pr];
}

// ------------------------------------------------------------------------------------------
function metrics(yTrue: number[], yPred: number[]) {
  const conf = LABELS.map(() => LABELS.map(() => 0));
  for (let i = 0; i < yTrue.length; i++) conf[yTrue[i]][yPred[i]]++;
  const per = LABELS.map((_, k) => {
    const tp = conf[k][k];
    const fp = conf.reduce((a, r, i) => a + (i === k ? 0 : r[k]), 0);
    const fn = conf[k].reduce((a, c, j) => a + (j === k ? 0 : c), 0);
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
  });
  const macroF1 = per.reduce((a, c) => a + c.f1, 0) / LABELS.length;
  return { macroF1, per, conf };
}

const argmax = (p: number[]) => p.reduce((bi, v, i) => (v > p[bi] ? i : bi), 0);

// Grouping unit: the topic cluster of a claim = connected component of the graph linking each
// claim to the bodies it is RELATED to (FNC-1 pairs several headlines of one story with the
// same bodies, so grouping by headline alone would leak the story across folds).
const parent = new Map<string, string>();
const find = (x: string): string => {
  let r = x;
  while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
  parent.set(x, r);
  return r;
};
for (const r of rows) {
  const c = find("c:" + r.claim);
  if (r.label !== "unrelated") {
    const b = find("b:" + r.text);
    if (b !== c) parent.set(b, c);
  }
}
const groupOf = rows.map((r) => find("c:" + r.claim));
const claims = [...new Set(groupOf)].sort();
console.log(`${new Set(rows.map((r) => r.claim)).size} claims in ${claims.length} topic clusters`);
function folds(seed: number): number[] {
  const rnd = mulberry32(seed);
  const order = claims.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const foldOf = new Map(order.map((c, i) => [c, i % FOLDS]));
  return rows.map((_, i) => foldOf.get(groupOf[i])!);
}
const foldSets = Array.from({ length: REPEATS }, (_, r) => folds(1234 + r));

/** Out-of-fold probabilities for a config, per repeat. */
function oof(cfg: Config): number[][][] {
  return foldSets.map((fo) => {
    const P: number[][] = new Array(rows.length);
    for (let f = 0; f < FOLDS; f++) {
      const tr = rows.map((_, i) => i).filter((i) => fo[i] !== f);
      const te = rows.map((_, i) => i).filter((i) => fo[i] === f);
      const m = fit(tr, cfg);
      for (const i of te) P[i] = predict(m, X[i]);
    }
    return P;
  });
}

function report(title: string, m: ReturnType<typeof metrics>) {
  console.log(`\n${title}: macro-F1 ${m.macroF1.toFixed(3)}`);
  LABELS.forEach((l, k) =>
    console.log(`  ${l.padEnd(11)} p ${m.per[k].p.toFixed(3)} r ${m.per[k].r.toFixed(3)} f1 ${m.per[k].f1.toFixed(3)}`),
  );
  console.log(`  confusion (rows true, cols pred: ${LABELS.map((l) => l.slice(0, 4)).join(" ")})`);
  LABELS.forEach((l, k) => console.log(`  ${l.padEnd(11)} ${m.conf[k].map((c) => String(c).padStart(5)).join("")}`));
}

// ------------------------------------------------------------------------------------------
// model selection: the base model is refit per (l2, boost); offsets are applied post hoc to the
// out-of-fold logits (they do not change the fitted weights), so they are searched cheaply.
const grid: Config[] = [];
for (const l2Rel of QUICK ? [0.001] : [0.0003, 0.003])
  for (const l2St of QUICK ? [0.003] : [0.001, 0.01, 0.03])
    for (const deniedBoost of QUICK ? [1] : [0.5, 1, 2]) grid.push({ l2Rel, l2St, deniedBoost, relOffset: 0, deniedOffset: 0 });

const shift = (p: number[], relOffset: number, deniedOffset: number) => {
  // re-apply offsets on top of out-of-fold probabilities
  const pr = 1 - p[3];
  const prN = 1 / (1 + Math.exp(-(Math.log(pr / Math.max(1e-12, 1 - pr)) + relOffset)));
  const q = [p[0], p[1] * Math.exp(deniedOffset), p[2]];
  const s = q[0] + q[1] + q[2] || 1;
  return [prN * (q[0] / s), prN * (q[1] / s), prN * (q[2] / s), 1 - prN];
};

let best: { cfg: Config; score: number; m: ReturnType<typeof metrics>[] } | null = null;
for (const cfg of grid) {
  const P = oof(cfg);
  for (const relOffset of [-0.5, 0, 0.5])
    for (const deniedOffset of [-0.5, 0, 0.5, 1]) {
      const ms = P.map((Pr) => metrics(Y, Pr.map((p) => argmax(shift(p, relOffset, deniedOffset)))));
      const score = ms.reduce((a, m) => a + m.macroF1, 0) / ms.length;
      const den = ms.reduce((a, m) => a + m.per[1].f1, 0) / ms.length;
      const c = { ...cfg, relOffset, deniedOffset };
      if (!best || score > best.score) best = { cfg: c, score, m: ms };
      if (relOffset === 0 && deniedOffset === 0)
        console.log(`cfg ${JSON.stringify(cfg)} → grouped-CV macro-F1 ${score.toFixed(3)} denied ${den.toFixed(3)}`);
    }
}
console.log(`\nselected ${JSON.stringify(best!.cfg)}`);
const cvMacro = best!.m.map((m) => m.macroF1);
console.log(`grouped ${FOLDS}-fold CV by topic cluster, ${REPEATS} repeats: macro-F1 ${cvMacro.map((v) => v.toFixed(3)).join(" / ")}`);
report("grouped-CV (repeat 1, out-of-fold)", best!.m[0]);

const all = rows.map((_, i) => i);
const final = fit(all, best!.cfg);
report("full dev (trained on all of it — optimistic)", metrics(Y, X.map((x) => argmax(predict(final, x)))));

const out = {
  version: 1,
  featureNames: FEATURE_NAMES,
  mean: final.mean,
  std: final.std,
  related: { w: final.related.w, b: final.related.b + final.relOffset },
  stance: { labels: REL_LABELS, W: final.stance.W, b: final.stance.b },
  offsets: final.offsets,
  meta: {
    trainedOn: DATA.split("/").pop(),
    rows: rows.length,
    config: best!.cfg,
    groupedCv: {
      folds: FOLDS,
      repeats: REPEATS,
      macroF1: cvMacro,
      perLabelF1: Object.fromEntries(LABELS.map((l, k) => [l, best!.m.map((m) => +m.per[k].f1.toFixed(4))])),
    },
  },
};
const round = (k: string, v: unknown) => (typeof v === "number" ? +v.toPrecision(6) : v);
writeFileSync(OUT, JSON.stringify(out, round, 1) + "\n");
console.log(`\nwrote ${OUT}`);
