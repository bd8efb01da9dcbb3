/**
 * Pair classifier: do two claims agree, conflict, or not bear on each other?
 *
 * A multinomial logistic regression over (1) dense engine features — overlap ratios, character
 * similarity, negation/denial and hedge cues on one side only, antonyms across the sides, detail
 * conflicts (dates, numbers, places, participants), shared/unshared entities, text-shape
 * features — and (2) sparse lexical features: words present on exactly one side and pairs of
 * such words. All features are symmetric, so classifyPair(a, b) and classifyPair(b, a) agree.
 *
 * Weights live in models/pair.json (trained by scripts/train-pair.ts on shared/eval/dev only).
 * Reasons are the feature contributions that pushed the winning label, rendered as sentences
 * that are true of the two texts, plus any detail conflicts found.
 */
import pairModel from "../../models/pair.json" with { type: "json" };
import { antonymPairs, cueTokens, hedgeCues, negationCues, originalSpellings } from "./cues.ts";
import { compareExtracted, extractDetails, type DetailConflict } from "./details.ts";
import { defaultEntities, type EntityDictionary } from "./entities.ts";
import { isStopword, stem, stripClitics } from "./text.ts";
import { conceptOf } from "./lexicon.ts";

export const PAIR_LABELS = ["agree", "conflict", "unrelated"] as const;
export type PairLabel = (typeof PAIR_LABELS)[number];

export interface PairResult {
  label: PairLabel;
  /** Probability of the chosen label. */
  score: number;
  probs: Record<PairLabel, number>;
  reasons: string[];
  /** Detail conflicts found between the two texts (also summarised in reasons). */
  details: DetailConflict[];
}

export interface PairModel {
  labels: string[];
  dense: string[];
  /** [label][dense feature] */
  wDense: number[][];
  bias: number[];
  /** sparse feature → weight per label */
  sparse: Record<string, number[]>;
  meta?: Record<string, unknown>;
}

/** Dense feature names (order matters: it is the column order of wDense). */
export const DENSE_FEATURES = [
  "jaccard",
  "containMin",
  "containMax",
  "charSim",
  "lenMinLog",
  "lenMaxLog",
  "lenRatio",
  "symDiffLog",
  "negOneSide",
  "negBoth",
  "negCountDiff",
  "hedgeOneSide",
  "antonym",
  "numberDiffers",
  "numberShared",
  "dateDiffers",
  "timeDiffers",
  "placeDiffers",
  "participantsDiffer",
  "entShared",
  "entOneSide",
  "english",
  "segmented",
  "longText",
  "zeroOverlap",
  "negOneSideXOverlap",
  "antonymXOverlap",
  "numberDiffersXOverlap",
  "detailDiffersXOverlap",
  "variantShare",
  "unexplainedLog",
  "orderKept",
  "swapHunks",
  "singleSwapXOverlap",
  "sharedInversions",
] as const;

export interface PairFeatures {
  dense: number[];
  sparse: string[];
  /** Human-readable explanation per feature, filled only where the feature fires. */
  /** Reason text for a feature that fired (built lazily: only the winners are ever rendered). */
  explain: { get(name: string): string | undefined };
  details: DetailConflict[];
}

interface Side {
  raw: string;
  keys: string[];
  content: Set<string>;
  keySet: Set<string>;
  /** original (normalised) surface word for a key, for reasons */
  surface: Map<string, string>;
  neg: string[];
  hedge: string[];
  tokens: number;
  latin: boolean;
  segmented: boolean;
  grams: Map<string, number>;
}

function side(text: string): Side {
  const toks = cueTokens(text);
  const orig = originalSpellings(text);
  const keys: string[] = [];
  const surface = new Map<string, string>();
  const content = new Set<string>();
  for (const t of toks) {
    const k = stem(stripClitics(t));
    if (!k) continue;
    keys.push(k);
    if (!surface.has(k)) surface.set(k, orig.get(t) ?? t);
    if (!isStopword(stripClitics(t)) && !isStopword(k) && (k.length > 1 || /\d/.test(k))) content.add(k);
  }
  const grams = new Map<string, number>();
  const joined = ` ${[...content].join(" ")} `;
  for (let i = 0; i + 3 <= joined.length; i++) {
    const g = joined.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  const rawTokens = text.split(/\s+/).filter(Boolean);
  const loneClitics = rawTokens.filter(
    (t) => /^[\u0621-\u064A]{1,2}\+?$|^\+[\u0621-\u064A]{1,2}$/.test(t) && /^(?:\+?(?:و|ب|ل|ف|ك|ه|ها|هم|نا)\+?)$/.test(t),
  ).length;
  return {
    raw: text,
    keys,
    content,
    keySet: new Set(keys),
    surface,
    neg: negationCues(toks).map((c) => orig.get(c.word) ?? c.word),
    hedge: hedgeCues(toks).map((c) => orig.get(c.word) ?? c.word),
    tokens: toks.length,
    latin: !/[\u0600-\u06FF]/.test(text),
    segmented: text.includes("+") || loneClitics >= 2,
    grams,
  };
}

/** Content keys of a side in reading order, as the overlap counts them (concepts mapped). */
function contentSequence(S: Side): string[] {
  const seq: string[] = [];
  for (const k of S.keys) {
    const c = conceptOf(k) ?? k;
    if (S.content.has(c) && seq[seq.length - 1] !== c) seq.push(c);
  }
  return seq;
}

/**
 * Align the two sides' content words by longest common subsequence. Reports how much of the
 * shared wording keeps its order, the spans where each side has words the other lacks at the
 * same place (a "swap", unless the words are rewordings of each other), and how many shared
 * word pairs appear in the opposite order.
 */
function alignContent(A: Side, B: Side, root: (k: string) => string) {
  // claims are short; a long text is aligned on its first 200 content words (a 200×200 table)
  const a = contentSequence(A).slice(0, 200),
    b = contentSequence(B).slice(0, 200);
  const n = a.length,
    m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const lcs = dp[0][0];
  const sharedN = a.filter((k) => b.includes(k)).length;
  let i = 0,
    j = 0,
    swapHunks = 0,
    unmatched = 0;
  const swapped: string[] = [];
  let ga: string[] = [],
    gb: string[] = [];
  const close = () => {
    unmatched += ga.length + gb.length;
    if (ga.length && gb.length && ga.length <= 3 && gb.length <= 3) {
      const ra = new Set(ga.map(root));
      if (!gb.some((k) => ra.has(root(k)))) {
        swapHunks++;
        swapped.push(`${ga.map((k) => A.surface.get(k) ?? k).join(" ")} → ${gb.map((k) => B.surface.get(k) ?? k).join(" ")}`);
      }
    }
    ga = [];
    gb = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      close();
      i++;
      j++;
    } else if (j >= m || (i < n && dp[i + 1][j] >= dp[i][j + 1])) ga.push(a[i++]);
    else gb.push(b[j++]);
  }
  close();
  const posB = new Map<string, number>();
  b.forEach((k, x) => posB.has(k) || posB.set(k, x));
  const order = a.filter((k) => posB.has(k)).map((k) => posB.get(k)!);
  let inversions = 0;
  for (let x = 0; x < order.length; x++) for (let y = x + 1; y < order.length; y++) if (order[x] > order[y]) inversions++;
  return {
    orderKept: sharedN ? lcs / sharedN : 0,
    swapHunks,
    singleSwap: swapHunks === 1 && unmatched <= 6 ? 1 : 0,
    swapped,
    inversions,
  };
}

/** A crude root: Arabic verb/noun prefixes (ي ت ن ا م ست) dropped, first three letters kept. */
function rootish(k: string): string {
  if (!/^[\u0621-\u064A]/.test(k)) return k.slice(0, 5);
  let t = k;
  if (t.length >= 5 && t.startsWith("ست")) t = t.slice(2);
  else if (t.length >= 5 && t.startsWith("است")) t = t.slice(3);
  else if (t.length >= 4 && /^[يتنام]/.test(t)) t = t.slice(1);
  if (t.length >= 4 && t[1] === "ا") t = t[0] + t.slice(2); // فاعل / افعال patterns
  return t.slice(0, 3);
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0,
    na = 0,
    nb = 0;
  for (const [g, x] of a) {
    na += x * x;
    const y = b.get(g);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const q = (w: string) => `'${w}'`;
const list = (xs: string[], n = 4) => xs.slice(0, n).map(q).join(", ") + (xs.length > n ? ", …" : "");

/** Extract the model's features (exported for the training script and tests). */
export function pairFeatures(a: string, b: string, dict: EntityDictionary = defaultEntities): PairFeatures {
  const A = side(a),
    B = side(b);
  const da = extractDetails(a, dict),
    db = extractDetails(b, dict);
  // Overlap is measured on words mapped to bilingual concepts plus entity ids, so a pair in two
  // languages ("Iraqi army" / "الجيش العراقي") overlaps as much as it means to.
  for (const [S, d] of [
    [A, da],
    [B, db],
  ] as const) {
    const mapped = new Set<string>();
    for (const k of S.content) {
      const c = conceptOf(k);
      mapped.add(c ?? k);
      if (c && !S.surface.has(c)) S.surface.set(c, S.surface.get(k) ?? k);
    }
    for (const [id, label] of [...d.actors, ...d.places]) {
      mapped.add(`@${id}`);
      S.surface.set(`@${id}`, label);
    }
    S.content = mapped;
  }
  const lazy = new Map<string, () => string>();
  const explain = {
    set: (k: string, f: () => string) => void lazy.set(k, f),
    get(k: string): string | undefined {
      const f = lazy.get(k);
      if (f) return f();
      if (k.startsWith("x:")) {
        const key = k.slice(2);
        if (A.keySet.has(key) && !B.keySet.has(key)) return `${q(A.surface.get(key) ?? key)} only in A`;
        if (B.keySet.has(key) && !A.keySet.has(key)) return `${q(B.surface.get(key) ?? key)} only in B`;
      }
      if (k.startsWith("p:")) {
        const [x, y] = k.slice(2).split("|");
        const [ka, kb] = A.keySet.has(x) ? [x, y] : [y, x];
        return `${q(A.surface.get(ka) ?? ka)} (A) replaced by ${q(B.surface.get(kb) ?? kb)} (B)`;
      }
      return undefined;
    },
  };
  let inter = 0;
  for (const k of A.content) if (B.content.has(k)) inter++;
  const na = A.content.size,
    nb = B.content.size;
  const union = na + nb - inter;
  const onlyA = [...A.content].filter((k) => !B.content.has(k));
  const onlyB = [...B.content].filter((k) => !A.content.has(k));
  const shared = [...A.content].filter((k) => B.content.has(k));
  const jaccard = union ? inter / union : 0;
  const sharedWords = shared.filter((k) => !k.startsWith("@")).map((k) => A.surface.get(k) ?? k);
  explain.set("jaccard", () => `${Math.round(jaccard * 100)}% of content words shared${shared.length ? ` (${list(sharedWords)})` : ""}`);
  explain.set("containMin", () => explain.get("jaccard")!);
  explain.set("containMax", () => explain.get("jaccard")!);
  explain.set("zeroOverlap", () => "no content words in common");
  explain.set("charSim", () => `spelling similarity ${Math.round(cosine(A.grams, B.grams) * 100)}%`);
  explain.set("symDiffLog", () => `${onlyA.length} word(s) only in A, ${onlyB.length} only in B`);

  const negKey = (w: string) => stem(stripClitics(cueTokens(w)[0] ?? w));
  const negA = A.neg.filter((w) => !B.keySet.has(negKey(w)));
  const negB = B.neg.filter((w) => !A.keySet.has(negKey(w)));
  const negOneSide = negA.length > 0 !== negB.length > 0 ? 1 : 0;
  if (negOneSide) explain.set("negOneSide", () => (negA.length ? `negation in A only: ${list(negA, 2)}` : `negation in B only: ${list(negB, 2)}`));
  const negBoth = A.neg.length && B.neg.length ? 1 : 0;
  if (negBoth) explain.set("negBoth", () => `negation on both sides (${q(A.neg[0])} / ${q(B.neg[0])})`);
  if (A.neg.length !== B.neg.length) explain.set("negCountDiff", () => `negation words: ${A.neg.length} in A vs ${B.neg.length} in B`);
  const hedgeOneSide = A.hedge.length > 0 !== B.hedge.length > 0 ? 1 : 0;
  if (hedgeOneSide)
    explain.set("hedgeOneSide", () => (A.hedge.length ? `hedged/reported in A only: ${list(A.hedge, 2)}` : `hedged/reported in B only: ${list(B.hedge, 2)}`));

  const ants = antonymPairs(A.keySet, B.keySet);
  if (ants.length)
    explain.set("antonym", () => `opposites: ${ants.map(([x, y]) => `${q(A.surface.get(x) ?? x)} (A) vs ${q(B.surface.get(y) ?? y)} (B)`).join("; ")}`);

  const details = compareExtracted(da, db);
  const has = (k: string) => details.find((d) => d.kind === k);
  for (const [feat, kind] of [
    ["numberDiffers", "number"],
    ["dateDiffers", "date"],
    ["timeDiffers", "time"],
    ["placeDiffers", "place"],
    ["participantsDiffer", "participants"],
  ] as const) {
    const d = has(kind);
    if (d) explain.set(feat, () => d.reason);
  }
  const numsA = new Set(da.numbers.map((x) => x.value));
  const numShared = db.numbers.filter((x) => numsA.has(x.value));
  if (numShared.length) explain.set("numberShared", () => `same number on both sides: ${numShared[0].text}`);

  const entA = new Map([...da.actors, ...da.places]),
    entB = new Map([...db.actors, ...db.places]);
  const entShared = [...entA.keys()].filter((k) => entB.has(k));
  const entOne = [...entA.keys()].filter((k) => !entB.has(k)).length + [...entB.keys()].filter((k) => !entA.has(k)).length;
  if (entShared.length) explain.set("entShared", () => `shared entities: ${entShared.map((k) => entA.get(k)).join(", ")}`);
  if (entOne)
    explain.set(
      "entOneSide",
      () =>
        `entities on one side only: ${[...entA.keys()]
          .filter((k) => !entB.has(k))
          .map((k) => entA.get(k))
          .concat([...entB.keys()].filter((k) => !entA.has(k)).map((k) => entB.get(k)!))
          .join(", ")}`,
    );

  const minLen = Math.min(A.tokens, B.tokens),
    maxLen = Math.max(A.tokens, B.tokens);
  const dense = [
    jaccard,
    Math.min(na, nb) ? inter / Math.min(na, nb) : 0,
    Math.max(na, nb) ? inter / Math.max(na, nb) : 0,
    cosine(A.grams, B.grams),
    Math.log1p(minLen) / 4,
    Math.log1p(maxLen) / 4,
    maxLen ? minLen / maxLen : 0,
    Math.log1p(onlyA.length + onlyB.length) / 3,
    negOneSide,
    negBoth,
    Math.min(3, Math.abs(A.neg.length - B.neg.length)) / 3,
    hedgeOneSide,
    ants.length ? 1 : 0,
    has("number") ? 1 : 0,
    numShared.length ? 1 : 0,
    has("date") ? 1 : 0,
    has("time") ? 1 : 0,
    has("place") ? 1 : 0,
    has("participants") ? 1 : 0,
    Math.log1p(entShared.length),
    Math.log1p(entOne),
    A.latin && B.latin ? 1 : 0,
    A.segmented || B.segmented ? 1 : 0,
    minLen > 20 ? 1 : 0,
    inter === 0 ? 1 : 0,
    0,
    0,
    0,
    0,
  ];
  // "the same sentence except one thing" — the canonical contradiction shape
  const cmin = dense[1];
  dense[25] = negOneSide * cmin;
  dense[26] = (ants.length ? 1 : 0) * cmin;
  dense[27] = (has("number") ? 1 : 0) * cmin;
  dense[28] = (details.length ? 1 : 0) * cmin;
  for (const [x, base] of [
    ["negOneSideXOverlap", "negOneSide"],
    ["antonymXOverlap", "antonym"],
    ["numberDiffersXOverlap", "numberDiffers"],
  ] as const) {
    if (lazy.has(base)) explain.set(x, () => explain.get(base)!);
  }
  if (details.length) explain.set("detailDiffersXOverlap", () => details[0].reason);
  // one-side words that are morphological variants of the other side's (يرتفع / ارتفاع) are
  // rewording; the rest are substitutions, the usual shape of a changed fact
  const rootA = onlyA.filter((k) => !k.startsWith("@")).map(rootish),
    rootB = onlyB.filter((k) => !k.startsWith("@")).map(rootish);
  const setB = new Set(rootB),
    setA = new Set(rootA);
  const variants = rootA.filter((r) => r.length >= 3 && setB.has(r)).length + rootB.filter((r) => r.length >= 3 && setA.has(r)).length;
  const diffTotal = rootA.length + rootB.length;
  dense.push(diffTotal ? variants / diffTotal : 0, Math.log1p(diffTotal - variants) / 3);
  explain.set("variantShare", () => `${variants} of ${diffTotal} differing word(s) are rewordings of the other side`);
  explain.set(
    "unexplainedLog",
    () =>
      `${diffTotal - variants} word(s) differ with no counterpart (${list([...onlyA, ...onlyB].filter((k) => !k.startsWith("@")).map((k) => A.surface.get(k) ?? B.surface.get(k) ?? k))})`,
  );

  // word order: the same sentence with one span swapped for another ("… أسهم أبل" / "… سيارات
  // تسلا") is how a changed fact reads; a paraphrase reorders and rewords throughout
  const al = alignContent(A, B, rootish);
  dense.push(al.orderKept, Math.log1p(al.swapHunks) / 2, al.singleSwap * cmin, Math.log1p(al.inversions) / 2);
  // one swap is said once, as "one part swapped"
  if (al.swapHunks && !al.singleSwap) explain.set("swapHunks", () => `the same wording with parts swapped (${list(al.swapped)})`);
  if (al.singleSwap) explain.set("singleSwapXOverlap", () => `the same wording with one part swapped (${list(al.swapped)})`);
  if (al.inversions) explain.set("sharedInversions", () => `shared words in another order`);

  // sparse: words on exactly one side (symmetric), and pairs of them when both sides differ little
  const sparse: string[] = [];
  const xA = [...A.keySet].filter((k) => !B.keySet.has(k));
  const xB = [...B.keySet].filter((k) => !A.keySet.has(k));
  for (const k of xA) sparse.push(`x:${k}`);
  for (const k of xB) sparse.push(`x:${k}`);
  if (xA.length && xB.length && xA.length * xB.length <= 16) {
    for (const x of xA)
      for (const y of xB) {
        const key = x < y ? `p:${x}|${y}` : `p:${y}|${x}`;
        sparse.push(key);
      }
  }
  for (const k of A.keySet) if (B.keySet.has(k) && (A.neg.includes(A.surface.get(k) ?? "") || isStopword(k))) sparse.push(`s:${k}`);
  return { dense, sparse, explain, details };
}

/** Scores (logits) per label for a feature vector under a model. */
export function pairLogits(f: PairFeatures, model: PairModel): number[] {
  return model.labels.map((_, c) => {
    let s = model.bias[c];
    const w = model.wDense[c];
    for (let j = 0; j < f.dense.length; j++) s += (w?.[j] ?? 0) * f.dense[j];
    for (const k of f.sparse) {
      const ws = model.sparse[k];
      if (ws) s += ws[c];
    }
    return s;
  });
}

export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/**
 * Align a model's dense weights to DENSE_FEATURES by name, so a model trained before a feature
 * was added still loads (the new feature weighs 0 until retraining; a test checks coverage).
 */
export function alignPairModel(m: PairModel): PairModel {
  if (m.dense.join(",") === DENSE_FEATURES.join(",")) return m;
  const col = new Map(m.dense.map((n, j) => [n, j]));
  return { ...m, dense: [...DENSE_FEATURES], wDense: m.wDense.map((w) => DENSE_FEATURES.map((n) => (col.has(n) ? (w[col.get(n)!] ?? 0) : 0))) };
}

/** The committed model (models/pair.json), aligned to the current features. */
export const PAIR_MODEL: PairModel = alignPairModel(pairModel);
const MODEL = PAIR_MODEL;
const CONFLICT_CUES = new Set<string>([
  "negOneSide",
  "negCountDiff",
  "antonym",
  "numberDiffers",
  "dateDiffers",
  "timeDiffers",
  "placeDiffers",
  "participantsDiffer",
  "negOneSideXOverlap",
  "antonymXOverlap",
  "numberDiffersXOverlap",
  "detailDiffersXOverlap",
  "hedgeOneSide",
]);

export interface ClassifyPairOptions {
  entities?: EntityDictionary;
  /** Use another model (tests, training). */
  model?: PairModel;
  /** Maximum number of model-derived reasons (detail conflicts are always listed). */
  maxReasons?: number;
}

/** Classify a pair of claims as agree / conflict / unrelated, with reasons. */
export function classifyPair(a: string, b: string, opts: ClassifyPairOptions = {}): PairResult {
  const model = opts.model ?? MODEL;
  const f = pairFeatures(a, b, opts.entities);
  const p = softmax(pairLogits(f, model));
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
  const label = model.labels[best] as PairLabel;
  const probs = Object.fromEntries(model.labels.map((l, c) => [l, Math.round(p[c] * 1e4) / 1e4])) as Record<PairLabel, number>;

  // contributions towards the winner relative to the mean of the other labels
  const others = model.labels.map((_, c) => c).filter((c) => c !== best);
  const contrib: Array<[string, number]> = [];
  DENSE_FEATURES.forEach((name, j) => {
    const x = f.dense[j];
    if (!x) return;
    const w = model.wDense[best]?.[j] ?? 0;
    const wo = others.reduce((s, c) => s + (model.wDense[c]?.[j] ?? 0), 0) / Math.max(1, others.length);
    contrib.push([name, (w - wo) * x]);
  });
  for (const k of f.sparse) {
    const ws = model.sparse[k];
    if (!ws) continue;
    const wo = others.reduce((s, c) => s + ws[c], 0) / Math.max(1, others.length);
    contrib.push([k, ws[best] - wo]);
  }
  contrib.sort((x, y) => y[1] - x[1]);
  const reasons: string[] = [];
  const seen = new Set<string>();
  const push = (r: string | undefined) => {
    if (r && !seen.has(r)) {
      seen.add(r);
      reasons.push(r);
    }
  };
  const max = opts.maxReasons ?? 4;
  for (const [name, c] of contrib) {
    if (reasons.length >= max || c <= 0.05) break;
    // a conflict cue is never offered as the reason two claims agree or are unrelated
    if (label !== "conflict" && CONFLICT_CUES.has(name)) continue;
    // a function word's weight is real, but "'to' only in A" tells an analyst nothing
    if (name.startsWith("x:") && isStopword(name.slice(2))) continue;
    push(f.explain.get(name));
  }
  if (label === "conflict") for (const d of f.details) push(d.reason);
  else if (label === "agree") for (const d of f.details) push(`however, ${d.reason}`);
  if (label === "unrelated" || reasons.length === 0) push(f.explain.get("jaccard"));
  return { label, score: probs[label], probs, reasons, details: f.details };
}
