/**
 * Train the match rerankers on shared/eval/dev/clef-* ONLY — the lexical one
 * (models/match-rerank.json) and the one used when sentence vectors are available
 * (models/match-rerank-dense.json, the same features plus the sentence-encoder cosine):
 * a linear scorer over ClaimIndex's first-stage candidate features, fitted with a pairwise
 * logistic loss (relevant vs competing non-relevant candidate of the same query). Cross-validated
 * alongside (grouped by target claim): the linear model plus LambdaRank-style boosted shallow
 * trees, and a one-hidden-layer tanh network; either replaces the plain linear model only if
 * clearly better held-out.
 *
 *   npx tsx scripts/train-match.ts              # 5-fold CV report (held-out) + write the model
 *   npx tsx scripts/train-match.ts --cv-only    # report only
 *   npx tsx scripts/train-match.ts '{"k1":0.9}' # index options for the first stage
 *   --no-mlp --no-boosted  skip those candidates · --drop=REGEX zero features (ablation)
 *   --foldseed=N other fold assignment · --depth/--neg/--trees/--tdepth/--tlr/--tlambda/--tminh
 *
 * Deterministic: fixed fold seed, seeded initialisation, full-batch Adam.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { embedMatchSet } from "../src/encoder/cache.ts";
import { sentenceEncoder } from "../src/encoder/sentence-encoder.ts";
import { ClaimIndex, RERANK_FEATURES, rerankScorer, type RerankModel } from "../src/engine/match.ts";
import { groupFolds, prng, readJsonl } from "./train-common.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dev = join(root, "..", "shared", "eval", "dev");
const SEED = 20260321;
const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt);
const DEPTH = arg("depth", 30);
const HIDDEN = arg("hidden", 16);
const ITERS = arg("iters", 300);
const L2 = arg("l2", 1e-4);

interface Q {
  id: string;
  text: string;
  relevant: string[];
}
const corpus = readJsonl<{ id: string; text: string }>(join(dev, "clef-corpus.jsonl"));
const queries = readJsonl<Q>(join(dev, "clef-queries.jsonl"));
const indexOpts = JSON.parse(process.argv.find((a) => a.startsWith("{")) ?? "{}") as Record<string, number>;
const idx = new ClaimIndex({ ...indexOpts, rerankDepth: 0 });
for (const c of corpus) idx.add(c.id, c.text);
// optional ablation: --drop=REGEX zeroes matching features (their weights stay 0)
const dropArg = process.argv.find((a) => a.startsWith("--drop="))?.slice(7);
const dropped = dropArg ? RERANK_FEATURES.map((n, j) => (new RegExp(`^(?:${dropArg})$`).test(n) ? j : -1)).filter((j) => j >= 0) : [];
if (dropped.length) console.log(`dropped: ${dropped.map((j) => RERANK_FEATURES[j]).join(", ")}`);
// sentence vectors (cached under .tmp/encoder-cache): corpus claims and queries, as the app embeds them
const encoder = await sentenceEncoder();
if (!encoder) throw new Error("the sentence encoder is off (SENTENCE_ENCODER=off); both models need it");
const queryVecs = await embedMatchSet(encoder, idx, corpus, queries);
function rowsOf(withVectors: boolean) {
  return queries.map((q, qi) => {
    const rel = new Set(q.relevant);
    return {
      q,
      rel,
      cands: idx.candidates(q.text, DEPTH, withVectors ? queryVecs[qi] : undefined).map((c) => {
        for (const j of dropped) c.feats[j] = 0;
        return { ...c, rel: rel.has(c.id) };
      }),
    };
  });
}
type Rows = ReturnType<typeof rowsOf>;
let data: Rows = [];
const F = RERANK_FEATURES.length;

/** (relevant, non-relevant) pairs; negatives are the first NEG first-stage candidates (the ones that compete for the top 5). */
const NEG = arg("neg", 15);
function pairsOf(rows: Rows, map: (x: number[]) => number[]): Array<[number[], number[]]> {
  const out: Array<[number[], number[]]> = [];
  for (const r of rows) {
    const pos = r.cands.filter((c) => c.rel),
      neg = r.cands.filter((c) => !c.rel).slice(0, NEG);
    for (const p of pos) for (const n of neg) out.push([map(p.feats), map(n.feats)]);
  }
  return out;
}

/** Adam step over a flat parameter list. */
function adam(params: number[][], lr: number) {
  const m = params.map((p) => new Array<number>(p.length).fill(0)),
    v = params.map((p) => new Array<number>(p.length).fill(0));
  let t = 0;
  return (grads: number[][], n: number) => {
    t++;
    params.forEach((p, k) => {
      for (let j = 0; j < p.length; j++) {
        const g = grads[k][j] / n + L2 * p[j];
        m[k][j] = 0.9 * m[k][j] + 0.1 * g;
        v[k][j] = 0.999 * v[k][j] + 0.001 * g * g;
        p[j] -= (lr * (m[k][j] / (1 - 0.9 ** t))) / (Math.sqrt(v[k][j] / (1 - 0.999 ** t)) + 1e-8);
      }
    });
  };
}

function trainLinear(rows: Rows): RerankModel {
  const pairs = pairsOf(rows, (x) => x);
  const w = new Array<number>(F).fill(0);
  const step = adam([w], 0.05);
  for (let it = 0; it < 400; it++) {
    const g = new Array<number>(F).fill(0);
    for (const [p, n] of pairs) {
      let s = 0;
      for (let j = 0; j < F; j++) s += w[j] * (p[j] - n[j]);
      const c = -1 / (1 + Math.exp(s));
      for (let j = 0; j < F; j++) g[j] += c * (p[j] - n[j]);
    }
    step([g], Math.max(1, pairs.length));
  }
  return { kind: "linear", weights: Object.fromEntries(RERANK_FEATURES.map((n, j) => [n, Math.round(w[j] * 1e5) / 1e5])) };
}

function trainMlp(rows: Rows): RerankModel {
  const all = rows.flatMap((r) => r.cands.map((c) => c.feats));
  const mu = new Array<number>(F).fill(0),
    sd = new Array<number>(F).fill(0);
  for (const x of all) x.forEach((v, j) => (mu[j] += v / all.length));
  for (const x of all) x.forEach((v, j) => (sd[j] += (v - mu[j]) ** 2 / all.length));
  for (let j = 0; j < F; j++) sd[j] = sd[j] > 1e-9 ? Math.sqrt(sd[j]) : 1;
  const pairs = pairsOf(rows, (x) => x.map((v, j) => (v - mu[j]) / sd[j]));
  const rnd = prng(SEED);
  const H = HIDDEN;
  // flat parameters: W1 (H×F), b1 (H), w2 (H)
  const W = new Float64Array(H * F).map(() => (rnd() - 0.5) * 0.2);
  const b1 = new Float64Array(H),
    w2 = new Float64Array(H).map(() => (rnd() - 0.5) * 0.2);
  const P = [W, b1, w2];
  const M = P.map((p) => new Float64Array(p.length)),
    V = P.map((p) => new Float64Array(p.length));
  const G = P.map((p) => new Float64Array(p.length));
  const X = pairs.map(([p, n]) => [Float64Array.from(p), Float64Array.from(n)] as const);
  const hp = new Float64Array(H),
    hn = new Float64Array(H);
  const fwd = (x: Float64Array, out: Float64Array) => {
    let s = 0;
    for (let i = 0; i < H; i++) {
      let a = b1[i];
      const o = i * F;
      for (let j = 0; j < F; j++) a += W[o + j] * x[j];
      out[i] = Math.tanh(a);
      s += out[i] * w2[i];
    }
    return s;
  };
  const lr = 0.01;
  for (let it = 1; it <= ITERS; it++) {
    for (const g of G) g.fill(0);
    const [gW, gb, gw] = G;
    for (const [p, n] of X) {
      const c = -1 / (1 + Math.exp(fwd(p, hp) - fwd(n, hn)));
      for (let side = 0; side < 2; side++) {
        const x = side === 0 ? p : n,
          hh = side === 0 ? hp : hn,
          sc = side === 0 ? c : -c;
        for (let i = 0; i < H; i++) {
          gw[i] += sc * hh[i];
          const dh = sc * w2[i] * (1 - hh[i] * hh[i]);
          gb[i] += dh;
          const o = i * F;
          for (let j = 0; j < F; j++) gW[o + j] += dh * x[j];
        }
      }
    }
    const n = Math.max(1, X.length);
    for (let k = 0; k < P.length; k++) {
      const p = P[k],
        m = M[k],
        v = V[k],
        g = G[k];
      for (let j = 0; j < p.length; j++) {
        const gj = g[j] / n + L2 * p[j];
        m[j] = 0.9 * m[j] + 0.1 * gj;
        v[j] = 0.999 * v[j] + 0.001 * gj * gj;
        p[j] -= (lr * (m[j] / (1 - 0.9 ** it))) / (Math.sqrt(v[j] / (1 - 0.999 ** it)) + 1e-8);
      }
    }
  }
  const W1 = Array.from({ length: H }, (_, i) => Array.from(W.subarray(i * F, (i + 1) * F)));
  const r = (x: number) => Math.round(x * 1e5) / 1e5;
  return {
    kind: "mlp",
    features: [...RERANK_FEATURES],
    mu: mu.map(r),
    sd: sd.map(r),
    W1: W1.map((w) => w.map(r)),
    b1: Array.from(b1, r),
    w2: Array.from(w2, r),
  };
}

const TREES = arg("trees", 200),
  TREE_DEPTH = arg("tdepth", 3),
  TREE_LR = arg("tlr", 0.05),
  TREE_LAMBDA = arg("tlambda", 1),
  TREE_MINH = arg("tminh", 1),
  TREE_SUB = arg("tsub", 1),
  BINS = 32;

/**
 * LambdaRank-style boosting on top of the linear model: shallow regression trees fitted by
 * Newton steps to the pairwise logistic gradients (relevant vs each non-relevant candidate of a
 * query), each pair weighted by how much swapping the two would change 1/log2(2 + rank).
 */
function trainBoosted(rows: Rows): RerankModel {
  const lin = trainLinear(rows) as { weights: Record<string, number> };
  const w = RERANK_FEATURES.map((n) => lin.weights[n] ?? 0);
  const X: number[][] = [],
    qs: Array<{ start: number; end: number; pos: number[] }> = [];
  for (const r of rows) {
    const start = X.length,
      pos: number[] = [];
    for (const c of r.cands) {
      if (c.rel) pos.push(X.length);
      X.push(c.feats);
    }
    if (pos.length && pos.length < r.cands.length) qs.push({ start, end: X.length, pos });
  }
  const n = X.length;
  // candidate thresholds per feature: quantiles of the training values
  const thr: number[][] = [];
  for (let j = 0; j < F; j++) {
    const v = X.map((x) => x[j]).sort((a, b) => a - b);
    const t = new Set<number>();
    for (let k = 1; k < BINS; k++) t.add(v[Math.floor((k * n) / BINS)]);
    t.delete(v[n - 1]);
    thr.push([...t].sort((a, b) => a - b));
  }
  const bin = X.map((x) =>
    x.map((v, j) => {
      const t = thr[j];
      let lo = 0,
        hi = t.length; // first threshold ≥ v
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (t[m] < v) lo = m + 1;
        else hi = m;
      }
      return lo;
    }),
  );
  const s = X.map((x) => x.reduce((a, v, j) => a + v * w[j], 0));
  const g = new Float64Array(n),
    h = new Float64Array(n);
  const trees: number[][][] = [];
  const rnd = prng(SEED);
  for (let it = 0; it < TREES; it++) {
    g.fill(0);
    h.fill(0);
    for (const q of qs) {
      if (TREE_SUB < 1 && rnd() >= TREE_SUB) continue; // each tree sees a random share of the queries
      const idx = Array.from({ length: q.end - q.start }, (_, i) => q.start + i).sort((a, b) => s[b] - s[a]);
      const rank = new Map(idx.map((d, r) => [d, r]));
      const isPos = new Set(q.pos);
      for (const p of q.pos) {
        for (let d = q.start; d < q.end; d++) {
          if (isPos.has(d)) continue;
          const delta = Math.abs(1 / Math.log2(2 + rank.get(p)!) - 1 / Math.log2(2 + rank.get(d)!));
          const rho = 1 / (1 + Math.exp(s[p] - s[d]));
          g[p] -= rho * delta;
          g[d] += rho * delta;
          const hh = rho * (1 - rho) * delta;
          h[p] += hh;
          h[d] += hh;
        }
      }
    }
    const nodes: number[][] = [];
    const grow = (members: number[], depth: number): number => {
      let G = 0,
        H = 0;
      for (const i of members) {
        G += g[i];
        H += h[i];
      }
      const id = nodes.length;
      nodes.push([Math.round((-G / (H + TREE_LAMBDA)) * TREE_LR * 1e5) / 1e5]);
      if (depth >= TREE_DEPTH) return id;
      const parent = (G * G) / (H + TREE_LAMBDA);
      let best = 1e-6,
        bf = -1,
        bt = -1;
      for (let j = 0; j < F; j++) {
        const nb = thr[j].length + 1;
        const hg = new Float64Array(nb),
          hh = new Float64Array(nb);
        for (const i of members) {
          hg[bin[i][j]] += g[i];
          hh[bin[i][j]] += h[i];
        }
        let gl = 0,
          hl = 0;
        for (let k = 0; k < nb - 1; k++) {
          gl += hg[k];
          hl += hh[k];
          const gr = G - gl,
            hr = H - hl;
          if (hl < TREE_MINH || hr < TREE_MINH) continue;
          const gain = (gl * gl) / (hl + TREE_LAMBDA) + (gr * gr) / (hr + TREE_LAMBDA) - parent;
          if (gain > best) {
            best = gain;
            bf = j;
            bt = k;
          }
        }
      }
      if (bf < 0) return id;
      const L = members.filter((i) => bin[i][bf] <= bt),
        R = members.filter((i) => bin[i][bf] > bt);
      if (!L.length || !R.length) return id;
      const l = grow(L, depth + 1),
        r = grow(R, depth + 1);
      nodes[id] = [bf, thr[bf][bt], l, r];
      return id;
    };
    grow(
      Array.from({ length: n }, (_, i) => i).filter((i) => h[i] > 0),
      0,
    );
    trees.push(nodes);
    for (let i = 0; i < n; i++) {
      let nd = nodes[0];
      while (nd.length === 4) nd = nodes[X[i][nd[0]] <= nd[1] ? nd[2] : nd[3]];
      s[i] += nd[0];
    }
  }
  const used = [...new Set(trees.flatMap((t) => t.filter((nd) => nd.length === 4).map((nd) => nd[0])))].sort((a, b) => a - b);
  const remap = new Map(used.map((j, k) => [j, k]));
  return {
    kind: "boosted",
    features: used.map((j) => RERANK_FEATURES[j]),
    weights: lin.weights,
    trees: trees.map((t) => t.map((nd) => (nd.length === 4 ? [remap.get(nd[0])!, nd[1], nd[2], nd[3]] : nd))),
  };
}

function evaluate(rows: Rows, model: RerankModel | null): { map5: number; recall5: number } {
  const score = model ? rerankScorer(model) : null;
  let map = 0,
    rec = 0;
  for (const r of rows) {
    const scored = r.cands.map((c, i) => ({ c, s: score ? score(c.feats) : -i })).sort((x, y) => y.s - x.s);
    let hits = 0,
      ap = 0;
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

function crossValidate(train: (rows: Rows) => RerankModel) {
  const folds = groupFolds(
    data.map((r) => [...r.rel].sort().join(",")),
    5,
    arg("foldseed", SEED),
  ); // queries about one claim stay together
  let map = 0,
    rec = 0;
  for (let f = 0; f < 5; f++) {
    const model = train(data.filter((_, i) => folds[i] !== f));
    const test = data.filter((_, i) => folds[i] === f);
    const e = evaluate(test, model);
    map += e.map5 * test.length;
    rec += e.recall5 * test.length;
  }
  return { map5: Math.round((map / data.length) * 1e4) / 1e4, recall5: Math.round((rec / data.length) * 1e4) / 1e4 };
}

for (const [dense, file] of [
  [false, "match-rerank.json"],
  [true, "match-rerank-dense.json"],
] as const) {
  data = rowsOf(dense);
  console.log(`\n== ${dense ? "with sentence vectors" : "lexical"} → models/${file}`);
  const recallDepth = data.reduce((a, r) => a + r.cands.filter((c) => c.rel).length / r.rel.size, 0) / data.length;
  console.log(`queries ${data.length}, corpus ${corpus.length}, first-stage recall@${DEPTH} ${recallDepth.toFixed(4)}`);
  console.log(`first stage (BM25 only), all dev:`, evaluate(data, null));
  const cvLinear = crossValidate(trainLinear);
  console.log(`linear reranker, 5-fold CV held-out:`, cvLinear);
  const cvBoosted = process.argv.includes("--no-boosted") ? undefined : crossValidate(trainBoosted);
  if (cvBoosted) console.log(`linear + ${TREES} trees (depth ${TREE_DEPTH}, lr ${TREE_LR}), 5-fold CV held-out:`, cvBoosted);
  const cvMlp = process.argv.includes("--no-mlp") ? undefined : crossValidate(trainMlp);
  if (cvMlp) console.log(`MLP(${HIDDEN}) reranker, 5-fold CV held-out:`, cvMlp);
  if (!process.argv.includes("--cv-only")) {
    // a non-linear model must earn its opacity: keep the linear one unless another is better held-out
    // (trees by ≥ 0.002 MAP@5, the MLP by ≥ 0.005), and then the best of those
    const options: Array<["linear" | "boosted" | "MLP", number]> = [["linear", cvLinear.map5]];
    if (cvBoosted && cvBoosted.map5 >= cvLinear.map5 + 0.002) options.push(["boosted", cvBoosted.map5]);
    if (cvMlp && cvMlp.map5 >= cvLinear.map5 + 0.005) options.push(["MLP", cvMlp.map5]);
    const chosen = options.sort((a, b) => b[1] - a[1])[0][0];
    const model = chosen === "MLP" ? trainMlp(data) : chosen === "boosted" ? trainBoosted(data) : trainLinear(data);
    console.log(`selected ${chosen}; trained on all dev (optimistic):`, evaluate(data, model));
    writeFileSync(
      join(root, "models", file),
      JSON.stringify({
        note: `npx tsx scripts/train-match.ts — pairwise-logistic reranker (optionally + LambdaRank trees) over ClaimIndex candidate features${dense ? ` and the ${encoder.id} sentence-vector cosine` : " (lexical only)"}`,
        trainedOn: "shared/eval/dev/clef-queries.jsonl + clef-corpus.jsonl",
        depth: DEPTH,
        hidden: HIDDEN,
        iters: ITERS,
        l2: L2,
        seed: SEED,
        trees: { n: TREES, depth: TREE_DEPTH, lr: TREE_LR, lambda: TREE_LAMBDA, minHessian: TREE_MINH },
        cvHeldOut: { linear: cvLinear, ...(cvBoosted ? { boosted: cvBoosted } : {}), ...(cvMlp ? { mlp: cvMlp } : {}) },
        ...model,
      }) + "\n",
    );
    console.log(`wrote models/${file}`);
  }
}
