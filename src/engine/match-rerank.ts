/**
 * Claim matching, the reranker: its feature names (in a fixed order) and the scorers for the
 * trained models in models/match-rerank*.json (linear, boosted trees, or a small network).
 * Part of src/engine/match.ts, which re-exports the public names.
 */

/** Feature names of the reranker, in a fixed order. */
export const RERANK_FEATURES = [
  "bias",
  "bm25Rel", // score / best score
  "bm25Log", // log(1 + score)
  "qCover", // idf mass of query words found in doc / query idf mass
  "dCover", // idf mass of doc words found in query / doc idf mass
  "bigramHits", // shared bigrams (log)
  "entShared", // shared entities
  "entOnlyDoc", // entities only in the stored claim
  "numShared", // shared number tokens
  "numOnlyDoc", // numbers only in the stored claim
  "rankInv", // 1 / (1 + first-stage rank)
  "dLenLog", // log doc length
  "dMissLog", // log(1 + idf mass of doc words missing from the query)
  "bigramCover", // shared bigrams / doc bigrams
  "conceptShared", // shared cross-language concept keys (log)
  "monthYearMatch", // the stored claim names the month and year the query is dated/mentions
  "yearOnlyDoc", // the stored claim names a month-year the query does not
  "authorInDoc", // words of the tweet author's name appear in the stored claim
  "mediaBoth", // query carries/mentions media and the stored claim is about a photo/video
  "mediaDocOnly", // stored claim is about a photo/video, query has none
  "nameCover", // share of the stored claim's proper names found in the query
  "nameMiss", // stored-claim proper names missing from the query (log)
  "cosine", // idf-weighted cosine of the word sets
  "charCover", // share of the stored claim's character trigrams found in the query
  "yearMatch", // the stored claim names a year the query names or is dated in
  "yearMismatch", // the stored claim names years, none of them the query's
  "charTfidf", // idf-weighted cosine of character 3–5-grams of the word keys (fuzzy morphology)
  "charSeq", // cosine of character 4-grams across word boundaries (phrases, split hashtags)
  "lcsRatio", // longest common subsequence of word keys / stored-claim words
  "gapNext", // (score − next candidate's score) / best, first stage
  "cosineVsMax", // cosine − best cosine in the candidate list
  "charTfidfVsMax", // charTfidf − best in the list
  "dCoverVsMax", // dCover − best in the list
  "qCoverVsMax", // qCover − best in the list
  "qNameCover", // idf share of the query's proper names found in the stored claim
  "maxIdfShared", // idf of the rarest shared word or entity / max idf
  "maxIdfMissing", // idf of the rarest stored-claim word missing from the query / max idf
  "secondIdfShared", // idf of the second-rarest shared word or entity / max idf
  "rareShared", // shared words and entities rarer than half the max idf (log)
  "dense", // cosine of the sentence vectors (0 when there are none: only the dense model uses it)
  "denseVsMax", // dense − best in the list
] as const;

export const FEATURE_INDEX: Record<string, number> = Object.fromEntries(RERANK_FEATURES.map((n, i) => [n, i]));

/** Features that are rewritten relative to the candidate list ("…VsMax": value − max over the list), by source index. */
export const LISTWISE: Array<[string, string]> = [
  ["cosineVsMax", "cosine"],
  ["charTfidfVsMax", "charTfidf"],
  ["dCoverVsMax", "dCover"],
  ["qCoverVsMax", "qCover"],
  ["denseVsMax", "dense"],
];

/**
 * Reranker: either linear weights by feature name, or a one-hidden-layer tanh network over
 * standardised features (feature order = `features`, which must match RERANK_FEATURES).
 */
export type RerankModel =
  | { kind?: "linear"; weights: Record<string, number> }
  | {
      /** A linear score plus boosted regression trees; a node is [feature, threshold, left, right] (x ≤ threshold → left) or a leaf [value]. */
      kind: "boosted";
      features: string[];
      weights: Record<string, number>;
      trees: number[][][];
    }
  | { kind: "mlp"; features: string[]; mu: number[]; sd: number[]; W1: number[][]; b1: number[]; w2: number[] };

export function rerankScorer(m: RerankModel): (feats: number[]) => number {
  if (m.kind === "mlp") {
    if (m.features.join(",") !== RERANK_FEATURES.join(","))
      throw new Error("models/match-rerank.json does not match RERANK_FEATURES; run scripts/train-match.ts");
    const { mu, sd, W1, b1, w2 } = m;
    const z = new Float64Array(mu.length);
    return (x) => {
      for (let j = 0; j < z.length; j++) z[j] = (x[j] - mu[j]) / sd[j];
      let s = 0;
      for (let i = 0; i < W1.length; i++) {
        let a = b1[i];
        const w = W1[i];
        for (let j = 0; j < z.length; j++) a += w[j] * z[j];
        s += Math.tanh(a) * w2[i];
      }
      return s;
    };
  }
  const w = RERANK_FEATURES.map((n) => m.weights[n] ?? 0);
  if (m.kind === "boosted") {
    const at = m.features.map((n) => {
      const j = FEATURE_INDEX[n];
      if (j === undefined) throw new Error(`models/match-rerank.json uses unknown feature ${n}; run scripts/train-match.ts`);
      return j;
    });
    const trees = m.trees;
    return (x) => {
      let s = 0;
      for (let i = 0; i < w.length; i++) s += w[i] * x[i];
      for (const t of trees) {
        let n = t[0];
        while (n.length === 4) n = t[x[at[n[0]]] <= n[1] ? n[2] : n[3]];
        s += n[0];
      }
      return s;
    };
  }
  return (x) => {
    let s = 0;
    for (let i = 0; i < w.length; i++) s += w[i] * x[i];
    return s;
  };
}
